using System.Globalization;

namespace ServerlessMail.Cli.Operator;

/// <summary>A message as <c>messages get</c> prints it, whether it was read from the store or from the API.</summary>
internal sealed record MessageView(
    string Id,
    string Inbox,
    string? Folder,
    IReadOnlyList<string> Flags,
    IReadOnlyList<string> From,
    IReadOnlyList<string> To,
    IReadOnlyList<string> Cc,
    string? Subject,
    DateTimeOffset? Date,
    string ThreadId,
    IReadOnlyList<(string Id, string Name, string ContentType, long Size)> Attachments,
    string? Body);

/// <summary>The text forms of <c>messages list</c> and <c>messages get</c>, one for both the store and the API.</summary>
internal static class MessageText
{
    private static readonly string[] SystemFlags = ["seen", "answered", "flagged", "deleted", "draft"];

    /// <summary>IMAP's spelling of a flag: the API's <c>seen</c> is <c>\Seen</c>; keywords stay as they are.</summary>
    public static string ImapFlag(string name) =>
        SystemFlags.Contains(name, StringComparer.Ordinal) ? "\\" + char.ToUpperInvariant(name[0]) + name[1..] : name;

    public static string Flags(IEnumerable<string> flags)
    {
        var text = string.Join(' ', flags);
        return text.Length == 0 ? "-" : text;
    }

    public static string ListLine(string id, DateTimeOffset received, IEnumerable<string> flags, string sender, string? subject) =>
        string.Create(CultureInfo.InvariantCulture, $"{id}\t{received.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\t{Flags(flags)}\t{sender}\t{subject}");

    public static string Address(string? name, string address) => name is null ? address : $"{name} <{address}>";

    public static async Task WriteAsync(TextWriter output, MessageView message)
    {
        await output.WriteLineAsync($"id: {message.Id}\ninbox: {message.Inbox}\nfolder: {message.Folder}\nflags: {Flags(message.Flags)}").ConfigureAwait(false);
        await output.WriteLineAsync($"from: {string.Join(", ", message.From)}\nto: {string.Join(", ", message.To)}").ConfigureAwait(false);
        if (message.Cc.Count > 0)
        {
            await output.WriteLineAsync($"cc: {string.Join(", ", message.Cc)}").ConfigureAwait(false);
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"subject: {message.Subject}\ndate: {message.Date?.ToString("O", CultureInfo.InvariantCulture)}\nthread: {message.ThreadId}")).ConfigureAwait(false);
        foreach (var (id, name, contentType, size) in message.Attachments)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"attachment {id}: {name} ({contentType}, {size} bytes)")).ConfigureAwait(false);
        }

        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync(message.Body ?? string.Empty).ConfigureAwait(false);
    }
}
