using System.Globalization;
using ServerlessMail.Core;

namespace ServerlessMail.Imap;

internal sealed record AppendRequestArguments(string Mailbox, MessageFlags Flags, IReadOnlyList<string> Keywords, DateTimeOffset? InternalDate, ImapToken Message);

/// <summary>APPEND mailbox [(flags)] [date-time] (literal | literal8) (RFC 3501 §6.3.11, RFC 3516 §4.4).</summary>
internal static class AppendParser
{
    /// <param name="utf8Mailboxes">The session is IMAP4rev2, whose mailbox names are UTF-8 (RFC 9051 §5.1).</param>
    public static bool TryParse(IReadOnlyList<ImapToken> tokens, out AppendRequestArguments? request, bool utf8Mailboxes = false)
    {
        request = null;
        var arguments = new ArgumentReader(tokens, utf8Mailboxes);
        if (!arguments.TryMailbox(out var mailbox))
        {
            return false;
        }

        var flags = MessageFlags.None;
        List<string> keywords = [];
        if (arguments.Peek is { Kind: TokenKind.Open })
        {
            if (!arguments.TryAtomList(out var names) || !FlagNames.TryParse(names, out flags, out keywords))
            {
                return false;
            }
        }

        DateTimeOffset? date = null;
        if (arguments.Peek is { Kind: TokenKind.Quoted } quoted)
        {
            if (!TryParseDateTime(quoted.Text, out var parsed))
            {
                return false;
            }

            arguments.TryAString(out _);
            date = parsed;
        }

        if (!arguments.TryLiteral(out var message) || !arguments.End)
        {
            return false;
        }

        request = new AppendRequestArguments(mailbox, flags, keywords, date, message);
        return true;
    }

    /// <summary>RFC 3501 §9 date-time: "dd-Mon-yyyy hh:mm:ss +zzzz", the day possibly space-padded.</summary>
    public static bool TryParseDateTime(string text, out DateTimeOffset value)
    {
        var trimmed = text.Trim();
        return DateTimeOffset.TryParseExact(trimmed, ["d-MMM-yyyy HH:mm:ss zzz", "dd-MMM-yyyy HH:mm:ss zzz"], CultureInfo.InvariantCulture, DateTimeStyles.None, out value)
            || DateTimeOffset.TryParseExact(trimmed.Insert(trimmed.Length - 2, ":"), ["d-MMM-yyyy HH:mm:ss zzz", "dd-MMM-yyyy HH:mm:ss zzz"], CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }
}
