using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ServerlessMail.Cli.Remote;
using ServerlessMail.Cli.Server;
using ServerlessMail.Core;
using ServerlessMail.Hosting;
using ServerlessMail.Mime;

namespace ServerlessMail.Cli.Operator;

/// <summary><c>serverlessmail messages list|get</c>: read an inbox's mail from the store <c>serve</c> uses.</summary>
internal static class MessageCommands
{
    /// <summary>The most one listing prints; past one store page the command pages and reports progress.</summary>
    private const int MaxListed = 100_000;

    public static Command Create()
    {
        var messages = new Command("messages", "List an inbox's messages and read one.");
        messages.Subcommands.Add(CreateList());
        messages.Subcommands.Add(CreateGet());
        return messages;
    }

    private static Command CreateList()
    {
        var inbox = new Argument<string>("inbox") { Description = "The inbox address." };
        var folder = new Option<string>("--folder") { Description = "The folder. Default: INBOX.", HelpName = "NAME", DefaultValueFactory = _ => "INBOX" };
        var limit = new Option<int>("--limit") { Description = $"At most this many, newest first (1 to {MaxListed}). Default: 50.", HelpName = "N", DefaultValueFactory = _ => PageRequest.DefaultLimit };
        var json = InboxCommands.JsonOption();
        var settings = new SettingOptions(ServerSettings.StoreSettings);
        var command = new Command("list", "List a folder's messages, newest first: id, received time, flags, sender and subject.") { inbox, folder, limit, json };
        settings.AddTo(command);
        var api = new ApiTarget();
        api.AddTo(command);
        command.SetAction((result, cancellationToken) => api.Resolve(result, settings.Source(result)) is { } remote
            ? RemoteMessages.ListAsync(
                remote, result.GetRequiredValue(inbox), result.GetValue(folder) ?? "INBOX", Limit(result, limit), result.GetValue(json),
                result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, cancellationToken)
            : OperatorSession.RunAsync(
            settings.Source(result),
            async session =>
            {
                var wanted = Limit(result, limit);
                var target = await session.InboxAsync(result.GetRequiredValue(inbox), cancellationToken).ConfigureAwait(false);
                var name = result.GetValue(folder) ?? "INBOX";
                var found = await FindFolderAsync(session, target, name, cancellationToken).ConfigureAwait(false);
                var listed = await ListAsync(session, found, wanted, result.InvocationConfiguration.Error, cancellationToken).ConfigureAwait(false);
                var output = result.InvocationConfiguration.Output;
                if (result.GetValue(json))
                {
                    IReadOnlyList<MessageListJson> items = listed.Select(m => ToListJson(m, found.Name)).ToList();
                    await output.WriteLineAsync(JsonSerializer.Serialize(items, OperatorJsonContext.Default.IReadOnlyListMessageListJson)).ConfigureAwait(false);
                    return ExitCodes.Success;
                }

                foreach (var message in listed)
                {
                    var sender = message.Summary.From.Count > 0 ? message.Summary.From[0].Address : message.Envelope.MailFrom;
                    await output.WriteLineAsync(MessageText.ListLine(message.Id, message.InternalDate, FlagNames(message.Flags), sender, message.Summary.Subject)).ConfigureAwait(false);
                }

                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }

    private static Command CreateGet()
    {
        var id = new Argument<string>("message-id") { Description = "The message's id (msg_…), as 'messages list' shows it." };
        var json = InboxCommands.JsonOption();
        var settings = new SettingOptions(ServerSettings.StoreSettings);
        var command = new Command("get", "Show one message: its folder, flags and headers, then its text (or HTML when it has no text).") { id, json };
        settings.AddTo(command);
        var api = new ApiTarget();
        api.AddTo(command);
        command.SetAction((result, cancellationToken) => api.Resolve(result, settings.Source(result)) is { } remote
            ? RemoteMessages.GetAsync(remote, result.GetRequiredValue(id), result.GetValue(json), result.InvocationConfiguration.Output, cancellationToken)
            : OperatorSession.RunAsync(
            settings.Source(result),
            async session =>
            {
                var messageId = result.GetRequiredValue(id);
                var message = (Ids.IsWellFormed(messageId, Ids.Message) ? await session.Store.GetMessageAsync(messageId, cancellationToken).ConfigureAwait(false) : null)
                    ?? throw new CliException($"no message {messageId}.");
                var inbox = await session.Store.GetInboxAsync(message.InboxId, cancellationToken).ConfigureAwait(false) ?? throw new CliException($"the inbox of {messageId} is gone.");
                var folder = await session.Store.GetFolderAsync(message.FolderId, cancellationToken).ConfigureAwait(false);
                string? text, html;
                var content = await session.Blobs.OpenReadAsync(message.BlobKey, cancellationToken).ConfigureAwait(false);
                await using (content.ConfigureAwait(false))
                {
                    // The parsed message decodes its bodies from the open stream, so they are read before it closes.
                    var parsed = MimeParser.Parse(content);
                    text = parsed.GetTextBody();
                    html = parsed.GetHtmlBody();
                }

                var output = result.InvocationConfiguration.Output;
                if (result.GetValue(json))
                {
                    var shown = new MessageJson(ToListJson(message, folder?.Name), inbox.Address, message.Summary.MessageIdHeader, message.Summary.To, message.Summary.Cc, message.Summary.Date, text, html, message.Summary.Attachments);
                    await output.WriteLineAsync(JsonSerializer.Serialize(shown, OperatorJsonContext.Default.MessageJson)).ConfigureAwait(false);
                    return ExitCodes.Success;
                }

                var view = new MessageView(
                    message.Id, inbox.Address, folder?.Name, [.. FlagNames(message.Flags), .. message.Keywords], Addresses(message.Summary.From), Addresses(message.Summary.To),
                    Addresses(message.Summary.Cc), message.Summary.Subject, message.Summary.Date, message.ThreadId,
                    message.Summary.Attachments.Select(a => (a.Id, a.SafeFileName, a.ContentType, a.EncodedSize)).ToList(), text ?? html);
                await MessageText.WriteAsync(output, view).ConfigureAwait(false);
                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }

    private static int Limit(ParseResult result, Option<int> limit)
    {
        var wanted = result.GetValue(limit);
        return wanted is >= 1 and <= MaxListed ? wanted : throw new CliException($"--limit: '{wanted}' is not valid; expected 1 to {MaxListed}.");
    }

    private static async Task<Folder> FindFolderAsync(OperatorSession session, Inbox inbox, string name, CancellationToken cancellationToken)
    {
        var folders = await session.Store.ListFoldersAsync(inbox.Id, cancellationToken).ConfigureAwait(false);

        // RFC 3501 §5.1: INBOX is case-insensitive; every other name is exact.
        return folders.FirstOrDefault(f => f.Name == name || (string.Equals(name, "INBOX", StringComparison.OrdinalIgnoreCase) && f.Name == "INBOX"))
            ?? throw new CliException($"{inbox.Address} has no folder '{name}'; it has {string.Join(", ", folders.Select(f => f.Name))}.");
    }

    /// <summary>Up to <paramref name="wanted"/> messages, a store page at a time; more than one page reports progress.</summary>
    private static async Task<List<StoredMessage>> ListAsync(OperatorSession session, Folder folder, int wanted, TextWriter progress, CancellationToken cancellationToken)
    {
        var listed = new List<StoredMessage>();
        var page = new PageRequest(Math.Min(wanted, PageRequest.MaxLimit));
        while (true)
        {
            var found = await session.Store.ListMessagesAsync(folder.Id, new MessageQuery(), page, cancellationToken).ConfigureAwait(false);
            listed.AddRange(found.Items.Take(wanted - listed.Count));
            if (found.NextCursor is null || listed.Count >= wanted)
            {
                return listed;
            }

            await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"listed {listed.Count} of up to {wanted}…")).ConfigureAwait(false);
            page = new PageRequest(Math.Min(wanted - listed.Count, PageRequest.MaxLimit), found.NextCursor);
        }
    }

    private static MessageListJson ToListJson(StoredMessage message, string? folder) => new(
        message.Id, message.InboxId, folder, message.Uid, FlagNames(message.Flags), message.Keywords, message.InternalDate, message.Size,
        message.ThreadId, message.Summary.From, message.Summary.Subject, message.Summary.Preview);

    private static List<string> FlagNames(MessageFlags flags) =>
        Enum.GetValues<MessageFlags>().Where(f => f != MessageFlags.None && flags.HasFlag(f)).Select(f => "\\" + f).ToList();

    private static List<string> Addresses(IReadOnlyList<AddressSummary> addresses) => addresses.Select(a => MessageText.Address(a.Name, a.Address)).ToList();
}
