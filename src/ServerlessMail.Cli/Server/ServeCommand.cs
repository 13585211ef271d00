using System.CommandLine;
using System.Runtime.InteropServices;
using ServerlessMail.Hosting;

namespace ServerlessMail.Cli.Server;

/// <summary>
/// <c>serverlessmail serve</c>: runs the local server until SIGTERM or Ctrl+C. Once every listener is bound and the
/// workers run it prints one line, <c>ready smtp=… submission=… submissions=… imap=… imaps=… api=…</c>, on stdout (logs go to stderr);
/// tests and benchmarks wait for it. A stop drains sessions in flight and exits 0.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var settings = new SettingOptions(ServerSettings.All);
        var command = new Command(
            "serve",
            "Run the mail server on this machine: inbound SMTP, submission (STARTTLS and implicit TLS) with API-token AUTH, " +
            "IMAP (STARTTLS and implicit TLS), the REST API, delivery and the outbound relay. Every flag also reads SERVERLESSMAIL_<FLAG>, and --config a JSON file " +
            "of the same names (flag, then variable, then file). The first start on an empty store prints the admin token once. " +
            "With --role edge --store aws (the AWS edge container) it runs the SMTP and IMAP listeners only: no API, no delivery (the S3-triggered ingest function delivers " +
            "what the edge writes under raw/) and no relay (the relay function sends what it queues under outbound/). " +
            "Prints 'ready smtp=ADDR:PORT submission=ADDR:PORT submissions=ADDR:PORT imap=ADDR:PORT imaps=ADDR:PORT api=ADDR:PORT' (no api= on the edge) when it accepts mail; SIGTERM or Ctrl+C stops it.");
        settings.AddTo(command);
        command.SetAction((result, cancellationToken) => RunAsync(settings.Source(result), result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(SettingSource source, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var options = Bind(source);
        using var loggers = HostLogging.CreateConsole(options.LogLevel);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // Handled here rather than by System.CommandLine, whose termination timeout would cut the drain short.
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);

        MailServer server;
        try
        {
            server = await MailServer.StartAsync(options, loggers, stop.Token).ConfigureAwait(false);
        }
        catch (ServerStartException exception)
        {
            throw new CliException(exception.Message, ExitCodes.StartFailed);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return ExitCodes.Success;
        }

        await using (server.ConfigureAwait(false))
        {
            await output.WriteLineAsync(server.ReadyLine).ConfigureAwait(false);
            await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            if (server.TryIt is { } tryIt)
            {
                // Straight to the terminal, not through the logger: the one place the admin token is ever shown.
                await error.WriteAsync(tryIt).ConfigureAwait(false);
                await error.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }

            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The ordinary way out: a signal asked us to stop.
            }

            await server.StopAsync().ConfigureAwait(false);
        }

        return ExitCodes.Success;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }

    private static ServerOptions Bind(SettingSource source)
    {
        try
        {
            return ServerOptionsBinder.BindServer(source);
        }
        catch (OptionsException exception)
        {
            throw new CliException(exception.Message, ExitCodes.BadOptions);
        }
    }
}
