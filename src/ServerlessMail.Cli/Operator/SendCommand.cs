using System.CommandLine;
using System.Text.Json;
using ServerlessMail.Cli.Remote;
using ServerlessMail.Cli.Server;
using ServerlessMail.Core;
using ServerlessMail.Hosting;
using ServerlessMail.Mime;

namespace ServerlessMail.Cli.Operator;

/// <summary>
/// <c>serverlessmail send --from INBOX --to ADDR --subject S --text T</c>: composes a plain-text message and submits
/// it from a hosted inbox, through the same path as SMTP submission (quota, Sent copy, outbound queue). The running
/// server's relay worker delivers it, to a hosted inbox or through the relay; <c>--wait</c> follows it there. With
/// <c>--api-url</c> it sends through the running server's REST API instead.
/// </summary>
internal static class SendCommand
{
    /// <summary>How long <c>--wait</c> follows a message: the server's relay worker polls every 5 s.</summary>
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(60);

    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "The sending inbox's address.", HelpName = "INBOX", Required = true };
        var to = new Option<string[]>("--to") { Description = "A recipient; repeat the flag or separate with commas.", HelpName = "ADDRESS", Required = true, AllowMultipleArgumentsPerToken = true };
        var subject = new Option<string>("--subject") { Description = "The subject.", HelpName = "TEXT", DefaultValueFactory = _ => string.Empty };
        var text = new Option<string>("--text") { Description = "The plain-text body; - reads it from standard input.", HelpName = "TEXT", DefaultValueFactory = _ => string.Empty };
        var wait = new Option<bool>("--wait") { Description = "Follow the message until the server has relayed or delivered it (progress on stderr; at most 60 s)." };
        var json = InboxCommands.JsonOption();
        var settings = new SettingOptions(ServerSettings.StoreSettings);
        var command = new Command("send", "Send a plain-text message from a hosted inbox, as SMTP submission would: quota, Sent copy, then the server relays it. Prints the outbound id and message id.")
        {
            from, to, subject, text, wait, json,
        };
        settings.AddTo(command);
        var api = new ApiTarget();
        api.AddTo(command);
        command.SetAction((result, cancellationToken) => api.Resolve(result, settings.Source(result)) is { } remote
            ? SendRemoteAsync(remote, result, result.GetRequiredValue(from), result.GetRequiredValue(to), result.GetValue(subject), result.GetValue(text), result.GetValue(wait), result.GetValue(json), cancellationToken)
            : OperatorSession.RunAsync(
            settings.Source(result),
            async session =>
            {
                var inbox = await session.InboxAsync(result.GetRequiredValue(from), cancellationToken).ConfigureAwait(false);
                var recipients = Recipients(result.GetRequiredValue(to));
                var body = await BodyAsync(result.GetValue(text), cancellationToken).ConfigureAwait(false);

                var raw = Compose(inbox, recipients, result.GetValue(subject) ?? string.Empty, body);
                var error = result.InvocationConfiguration.Error;
                SubmitResult submitted;
                using (var stream = new MemoryStream(raw, writable: false))
                {
                    submitted = await session.Outbound.SubmitAsync(
                        OperatorSession.OperatorOf(inbox.AccountId), inbox, stream, inbox.Address, recipients.Select(r => r.Address.ToLowerInvariant()).ToList(), null, cancellationToken).ConfigureAwait(false);
                }

                var outbound = submitted.Outbound ?? throw new CliException($"refused: the {submitted.Quota.Describe()}.");
                if (result.GetValue(wait))
                {
                    outbound = await FollowAsync(session, outbound, error, cancellationToken).ConfigureAwait(false);
                }

                var output = result.InvocationConfiguration.Output;
                await output.WriteLineAsync(result.GetValue(json)
                    ? JsonSerializer.Serialize(new SentJson(outbound.Id, outbound.SentMessageId, outbound.MessageIdHeader, outbound.Status.ToString().ToLowerInvariant(), outbound.Recipients), OperatorJsonContext.Default.SentJson)
                    : $"{outbound.Id}\nmessage: {outbound.SentMessageId}\nstatus: {outbound.Status.ToString().ToLowerInvariant()}").ConfigureAwait(false);
                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }

    private static async Task<int> SendRemoteAsync(
        RemoteApi remote, ParseResult result, string from, string[] to, string? subject, string? text, bool wait, bool json, CancellationToken cancellationToken)
    {
        var recipients = Recipients(to).Select(r => r.Address).ToList();
        var body = await BodyAsync(text, cancellationToken).ConfigureAwait(false);
        return await RemoteMessages.SendAsync(
            remote, from, recipients, subject ?? string.Empty, body, wait, json, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<string> BodyAsync(string? given, CancellationToken cancellationToken) =>
        given == "-" ? await ReadBoundedAsync(Console.In, cancellationToken).ConfigureAwait(false) : given ?? string.Empty;

    private static List<MailboxAddress> Recipients(string[] given)
    {
        var recipients = new List<MailboxAddress>();
        foreach (var text in given.SelectMany(g => g.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var parsed = AddressParser.ParseList(text);
            if (parsed is not [MailboxAddress mailbox])
            {
                throw new CliException($"--to: '{text}' is not an address (local@domain).");
            }

            recipients.Add(mailbox);
        }

        return recipients.Count is 0 or > OutboundService.MaxRecipients
            ? throw new CliException($"--to: give 1 to {OutboundService.MaxRecipients} recipients.")
            : recipients;
    }

    private static byte[] Compose(Inbox inbox, List<MailboxAddress> recipients, string subject, string body)
    {
        var builder = new MessageBuilder
        {
            From = new MailboxAddress(inbox.DisplayName, inbox.LocalPart, inbox.Domain),
            Subject = subject,
            Date = DateTimeOffset.UtcNow,
            TextBody = body,
        };
        foreach (var recipient in recipients)
        {
            builder.To.Add(recipient);
        }

        return builder.ToArray();
    }

    /// <summary>Standard input as the body, up to the default message size; more is bad input, not a silent cut.</summary>
    private static async Task<string> ReadBoundedAsync(TextReader input, CancellationToken cancellationToken)
    {
        const int MaxChars = 25 * 1024 * 1024;
        var buffer = new char[64 * 1024];
        var text = new System.Text.StringBuilder();
        int read;
        while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (text.Length + read > MaxChars)
            {
                throw new CliException($"--text -: standard input is longer than {MaxChars} characters.");
            }

            text.Append(buffer, 0, read);
        }

        return text.ToString();
    }

    /// <summary>Polls the outbound record, printing each status it passes through, until it leaves the queue.</summary>
    private static async Task<OutboundEmail> FollowAsync(OperatorSession session, OutboundEmail outbound, TextWriter progress, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + WaitLimit;
        var shown = (OutboundStatus?)null;
        while (true)
        {
            if (outbound.Status != shown)
            {
                await progress.WriteLineAsync($"{outbound.Id}: {outbound.Status.ToString().ToLowerInvariant()}").ConfigureAwait(false);
                shown = outbound.Status;
            }

            if (outbound.Status is not (OutboundStatus.Queued or OutboundStatus.Sending))
            {
                return outbound;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new CliException($"{outbound.Id} is still {outbound.Status.ToString().ToLowerInvariant()} after {WaitLimit.TotalSeconds:0} s; is 'serverlessmail serve' running on this data directory?");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
            outbound = await session.Store.GetOutboundAsync(outbound.Id, cancellationToken).ConfigureAwait(false) ?? outbound;
        }
    }
}
