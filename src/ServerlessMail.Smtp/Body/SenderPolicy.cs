using ServerlessMail.Core;
using ServerlessMail.Mime;

namespace ServerlessMail.Smtp;

/// <summary>
/// Which addresses an authenticated inbox may send as: its own, plus any <see cref="SmtpServerOptions.SendAs"/>
/// grants it. Applied to MAIL FROM and to every mailbox of the <c>From:</c> header.
/// </summary>
internal static class SenderPolicy
{
    public static bool MayUse(SmtpServerOptions options, Inbox inbox, string address)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(inbox);
        var normalized = Normalize(address);
        if (normalized is null)
        {
            return false;
        }

        if (normalized == inbox.Address)
        {
            return true;
        }

        return options.SendAs.TryGetValue(inbox.Address, out var extra) && extra.Any(a => Normalize(a) == normalized);
    }

    /// <summary>
    /// True when the header block has exactly one <c>From:</c> field and every mailbox in it may be used. A missing
    /// or unparseable From: is refused: RFC 5322 §3.6 requires one, and we will not guess.
    /// </summary>
    public static bool FromHeaderAllowed(SmtpServerOptions options, Inbox inbox, ReadOnlyMemory<byte> headerBlock)
    {
        var message = MimeParser.Parse(headerBlock);
        if (message.Headers.FindAll(HeaderNames.From).Count() != 1)
        {
            return false;
        }

        var mailboxes = MimeMessage.Mailboxes(message.From).ToList();
        return mailboxes.Count > 0 && mailboxes.Count == message.From.Count && mailboxes.All(m => MayUse(options, inbox, m.Address));
    }

    private static string? Normalize(string address) =>
        RecipientResolver.Normalize(address) is { } parts ? parts.Local + "@" + parts.Domain : null;
}
