using ServerlessMail.Core;
using ServerlessMail.Mime;

namespace ServerlessMail.Storage.Tests.Contract;

/// <summary>Realistic raw messages, written by the MIME library's composer, and what delivery would derive from them.</summary>
public static class TestMail
{
    public static MailboxAddress Mailbox(string address, string? name = null)
    {
        var at = address.LastIndexOf('@');
        return new MailboxAddress(name, address[..at], address[(at + 1)..]);
    }

    /// <summary>A plain message; <paramref name="configure"/> may add anything the composer offers.</summary>
    public static byte[] Build(
        string from = "sender@remote.example",
        string to = "alice@example.com",
        string? subject = "Hello",
        string text = "Hello there.\r\nThis is the body.",
        DateTimeOffset? date = null,
        string? messageId = null,
        Action<MessageBuilder>? configure = null)
    {
        var builder = new MessageBuilder
        {
            From = Mailbox(from, "Sender Name"),
            Subject = subject,
            TextBody = text,
            Date = date ?? new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero),
            MessageId = messageId ?? Guid.NewGuid().ToString("N") + "@remote.example",
        };
        builder.To.Add(Mailbox(to));
        configure?.Invoke(builder);
        return builder.ToArray();
    }

    public static ParsedMail Parse(byte[] raw) => MessageSummarizer.Parse(new MemoryStream(raw, writable: false));

    /// <summary>A summary for index tests that need only the threading headers.</summary>
    public static MessageSummary Summary(string? subject, string? messageId, IReadOnlyList<string>? references = null, IReadOnlyList<string>? inReplyTo = null) =>
        new(subject, [], [], [], [], [], null, messageId, inReplyTo ?? [], references ?? [], string.Empty, []);

    public static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        await using (stream)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            return copy.ToArray();
        }
    }
}
