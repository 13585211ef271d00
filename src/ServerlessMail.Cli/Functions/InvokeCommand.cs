using System.CommandLine;
using ServerlessMail.Core;
using ServerlessMail.Functions;
using ServerlessMail.Hosting;

namespace ServerlessMail.Cli.Functions;

/// <summary>
/// <c>serverlessmail invoke &lt;function&gt; --event FILE</c>: runs one Lambda handler here, on an event file (one from
/// events/, or a message taken off a dead-letter queue), with the store and relay the <c>SERVERLESSMAIL_*</c> variables
/// name, as the deployed function would (<see cref="LocalInvoker"/>). That is the AWS store (the stand-ins with
/// <c>SERVERLESSMAIL_DYNAMODB_ENDPOINT</c>/<c>SERVERLESSMAIL_S3_ENDPOINT</c>, else a real account with the usual AWS
/// credentials) or, with <c>SERVERLESSMAIL_STORE</c> unset or local, the embedded store in <c>SERVERLESSMAIL_DATA</c>.
/// The handler's response is printed on stdout.
/// </summary>
internal static class InvokeCommand
{
    /// <summary>An event is a few KB; S3 batches stay far below Lambda's 6 MB payload limit, which this mirrors.</summary>
    private const long MaxEventBytes = 6 * 1024 * 1024;

    public static Command Create()
    {
        var function = new Argument<string>("function") { Description = "The handler to run: " + string.Join(", ", LocalInvoker.Functions.Keys) + "." };
        var eventFile = new Option<string>("--event") { Description = "The event JSON file (as AWS sends it; see events/).", Required = true };
        var command = new Command(
            "invoke",
            "Run a Lambda handler locally on an event file, against the store the SERVERLESSMAIL_* variables name: the AWS store (stand-ins via " +
            "SERVERLESSMAIL_DYNAMODB_ENDPOINT and SERVERLESSMAIL_S3_ENDPOINT, or real AWS) or the embedded store. Prints the handler's response.")
        {
            function,
            eventFile,
        };
        command.SetAction((result, cancellationToken) =>
            RunAsync(result.GetRequiredValue(function), result.GetRequiredValue(eventFile), result.InvocationConfiguration.Output, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string function, string path, TextWriter output, CancellationToken cancellationToken)
    {
        if (!LocalInvoker.Functions.ContainsKey(function))
        {
            throw new CliException($"unknown function '{function}'; expected one of: {string.Join(", ", LocalInvoker.Functions.Keys)}.", ExitCodes.BadOptions);
        }

        if (!File.Exists(path))
        {
            throw new CliException($"no event file {path}.", ExitCodes.BadOptions);
        }

        if (new FileInfo(path).Length > MaxEventBytes)
        {
            throw new CliException($"{path} is larger than an event can be ({MaxEventBytes} bytes).", ExitCodes.BadOptions);
        }

        string response;
        try
        {
            await using var evt = File.OpenRead(path);
            response = await LocalInvoker.InvokeAsync(function, evt, FunctionHost.ProcessEnvironment(), cancellationToken).ConfigureAwait(false);
        }
        catch (OptionsException exception)
        {
            throw new CliException(exception.Message, ExitCodes.BadOptions);
        }
        catch (Exception exception) when (exception is MailStoreException or Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException or HttpRequestException)
        {
            throw new CliException($"{function} failed: {exception.Message}", ExitCodes.Failed);
        }

        await output.WriteLineAsync(response).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
