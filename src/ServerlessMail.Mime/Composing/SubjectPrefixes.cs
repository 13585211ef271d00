using System.Text.RegularExpressions;

namespace ServerlessMail.Mime;

/// <summary>
/// The "Re:" and "Fwd:" of reply and forward subjects (RFC 5322 §3.6.5 describes "Re: "), including the localised
/// forms mail clients write, so that a thread never grows "Re: Re: AW: Re:". Only leading prefixes are touched:
/// "Re:" in the middle of a subject is the author's text.
/// </summary>
public static partial class SubjectPrefixes
{
    /// <summary>
    /// The subject without any leading reply or forward prefixes, however interleaved ("Re: Fwd: AW: x" → "x"),
    /// trimmed. Threading compares subjects in this form.
    /// </summary>
    public static string StripAll(string? subject)
    {
        var rest = subject ?? string.Empty;
        while (true)
        {
            var stripped = ForwardPrefix().Replace(ReplyPrefix().Replace(rest, string.Empty), string.Empty);
            if (stripped.Length == rest.Length)
            {
                return stripped.Trim();
            }

            rest = stripped;
        }
    }

    public static string Reply(string? subject) => Prefix("Re:", ReplyPrefix().Replace(subject ?? string.Empty, string.Empty));

    public static string Forward(string? subject) => Prefix("Fwd:", ForwardPrefix().Replace(subject ?? string.Empty, string.Empty));

    private static string Prefix(string prefix, string rest)
    {
        rest = rest.Trim();
        return rest.Length == 0 ? prefix : prefix + " " + rest;
    }

    // Re (Latin), Aw (German), Sv (Scandinavian), Antw (Dutch), Vs (Finnish), Odp (Polish), Res (Portuguese),
    // Rif (Italian), Ynt (Turkish), Atb (Latvian), 回复/答复/回覆 (Chinese), each with an optional counter such as
    // "Re[2]:" or "Re(2):", an optional space before the colon and either colon form.
    [GeneratedRegex(@"\A(?:\s*(?:re|aw|sv|antw|vs|odp|res|rif|ynt|atb|回复|答复|回覆)\s*(?:\[\d+\]|\(\d+\))?\s*[:：])+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReplyPrefix();

    // Fwd, Fw (English), WG (German), TR (French), RV (Spanish), VB (Swedish), Enc (Portuguese), Doorst (Dutch),
    // 转发/轉寄 (Chinese).
    [GeneratedRegex(@"\A(?:\s*(?:fwd|fw|wg|tr|rv|vb|enc|doorst|转发|轉寄)\s*(?:\[\d+\]|\(\d+\))?\s*[:：])+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ForwardPrefix();
}
