namespace ServerlessMail.Mime;

/// <summary>The tolerated, non-RFC 5322 §3.4 forms a mailbox was written in; the strict parser rejects them.</summary>
[Flags]
internal enum MailboxForms
{
    None = 0,
    Comments = 1 << 0,

    /// <summary>RFC 5322 §4.4 obs-local-part: CFWS between the words, or stray dots (<c>taro.@docomo.ne.jp</c>).</summary>
    ObsoleteLocalPart = 1 << 1,

    /// <summary>RFC 5322 §4.4 obs-domain: CFWS between the labels.</summary>
    ObsoleteDomain = 1 << 2,

    Route = 1 << 3,

    /// <summary>An unquoted '@' in the display name (<c>alice@example.com &lt;bob@example.net&gt;</c>).</summary>
    AtInPhrase = 1 << 4,

    /// <summary>A '[...]' in the display name.</summary>
    LiteralInPhrase = 1 << 5,

    /// <summary><c>&lt;&gt;</c>, the null address.</summary>
    Empty = 1 << 6,

    QuotedLocalPart = 1 << 7,
}

public static partial class AddressParser
{
    /// <summary>
    /// One mailbox (RFC 5322 §3.4 name-addr or addr-spec, with the §4.4 obsolete forms) filling all of
    /// <paramref name="tokens"/>, or null. Everything must be accounted for: a leftover token means the piece is not
    /// a mailbox, and it is then never trimmed down to one.
    /// </summary>
    internal static MailboxAddress? ParseMailbox(ReadOnlySpan<byte> raw, ReadOnlySpan<AddressToken> tokens, out MailboxForms forms)
    {
        forms = MailboxForms.None;
        var left = -1;
        var right = -1;
        for (var i = 0; i < tokens.Length; i++)
        {
            var inside = left >= 0 && right < 0;
            switch (tokens[i].Kind)
            {
                case AddressTokenKind.Invalid or AddressTokenKind.Semicolon:
                    return null;
                case AddressTokenKind.Colon or AddressTokenKind.Comma when !inside:
                    return null;
                case AddressTokenKind.LeftAngle when left >= 0:
                    return null;
                case AddressTokenKind.LeftAngle:
                    left = i;
                    break;
                case AddressTokenKind.RightAngle when !inside:
                    return null;
                case AddressTokenKind.RightAngle:
                    right = i;
                    break;
                case AddressTokenKind.Comment:
                    forms |= MailboxForms.Comments;
                    break;
            }
        }

        if (left < 0)
        {
            if (!TryParseAddrSpec(raw, tokens, ref forms, out var bareLocal, out var bareDomain))
            {
                return null;
            }

            return new MailboxAddress(AddressText.Comments(raw, tokens), bareLocal, bareDomain);
        }

        if (right < 0)
        {
            return null;
        }

        var phrase = tokens[..left];
        var after = tokens[(right + 1)..];
        if (!CheckPhrase(phrase, ref forms) || !OnlyComments(after))
        {
            return null;
        }

        var inner = tokens[(left + 1)..right];
        string? route = null;
        var first = SkipComments(inner, 0);
        if (first < inner.Length && inner[first].Kind == AddressTokenKind.At)
        {
            if (!TryParseRoute(raw, inner, ref first, out route))
            {
                return null;
            }

            forms |= MailboxForms.Route;
            inner = inner[first..];
        }

        string local;
        string domain;
        if (OnlyComments(inner))
        {
            // "<>": the null reverse-path, only on its own. A route with nothing after it is not an address, and a
            // name in front ("alice@example.com <>") would show as an address that is not there.
            if (route is not null || !OnlyComments(phrase))
            {
                return null;
            }

            forms |= MailboxForms.Empty;
            local = string.Empty;
            domain = string.Empty;
        }
        else if (!TryParseAddrSpec(raw, inner, ref forms, out local, out domain))
        {
            return null;
        }

        var name = AddressText.Phrase(raw, phrase) ?? AddressText.Comments(raw, phrase) ?? AddressText.Comments(raw, after);
        return new MailboxAddress(name, local, domain, route);
    }

    /// <summary>
    /// addr-spec = local-part "@" domain (RFC 5322 §3.4.1), comments allowed around every piece. The local part
    /// is words joined by dots; two words without a dot between them (<c>john doe@x</c>) are not an address.
    /// </summary>
    private static bool TryParseAddrSpec(
        ReadOnlySpan<byte> raw, ReadOnlySpan<AddressToken> tokens, ref MailboxForms forms, out string local, out string domain)
    {
        local = string.Empty;
        domain = string.Empty;
        var at = -1;
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens[i].Kind == AddressTokenKind.At)
            {
                at = i;
                break;
            }
        }

        if (at < 0)
        {
            return false;
        }

        var localTokens = TrimComments(tokens[..at]);
        var domainTokens = TrimComments(tokens[(at + 1)..]);
        if (!CheckLocalPart(localTokens, ref forms) || !CheckDomain(domainTokens, ref forms))
        {
            return false;
        }

        local = AddressText.Join(raw, localTokens);
        domain = AddressText.Join(raw, domainTokens);
        return true;
    }

    private static bool CheckLocalPart(ReadOnlySpan<AddressToken> tokens, ref MailboxForms forms)
    {
        var words = 0;
        var previousWasWord = false;
        var previousWasDot = true;
        var sawAtom = false;
        var sawQuoted = false;
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            if (i > 0 && token.Start != tokens[i - 1].End)
            {
                forms |= MailboxForms.ObsoleteLocalPart;
            }

            switch (token.Kind)
            {
                case AddressTokenKind.Atom or AddressTokenKind.QuotedString:
                    if (previousWasWord)
                    {
                        return false;
                    }

                    sawAtom |= token.Kind == AddressTokenKind.Atom;
                    sawQuoted |= token.Kind == AddressTokenKind.QuotedString;
                    words++;
                    previousWasWord = true;
                    previousWasDot = false;
                    break;
                case AddressTokenKind.Dot:
                    if (previousWasDot)
                    {
                        forms |= MailboxForms.ObsoleteLocalPart;
                    }

                    previousWasWord = false;
                    previousWasDot = true;
                    break;
                case AddressTokenKind.Comment:
                    forms |= MailboxForms.ObsoleteLocalPart;
                    break;
                default:
                    return false;
            }
        }

        if (previousWasDot || (sawAtom && sawQuoted) || (sawQuoted && words > 1))
        {
            forms |= MailboxForms.ObsoleteLocalPart;
        }

        if (sawQuoted)
        {
            forms |= MailboxForms.QuotedLocalPart;
        }

        return words > 0;
    }

    /// <summary>A domain literal alone, or atoms separated by single dots (RFC 5322 §3.4.1, §4.4).</summary>
    private static bool CheckDomain(ReadOnlySpan<AddressToken> tokens, ref MailboxForms forms)
    {
        if (tokens.Length == 1 && tokens[0].Kind == AddressTokenKind.DomainLiteral)
        {
            return true;
        }

        var expectAtom = true;
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            if (i > 0 && token.Start != tokens[i - 1].End)
            {
                forms |= MailboxForms.ObsoleteDomain;
            }

            switch (token.Kind)
            {
                case AddressTokenKind.Comment:
                    forms |= MailboxForms.ObsoleteDomain;
                    continue;
                case AddressTokenKind.Atom when expectAtom:
                case AddressTokenKind.Dot when !expectAtom:
                    expectAtom = !expectAtom;
                    continue;
                default:
                    return false;
            }
        }

        return tokens.Length > 0 && !expectAtom;
    }

    /// <summary>
    /// obs-route = obs-domain-list ":" (RFC 5322 §4.4): "@" domain, then ("," ["@" domain])*, then ":". It is kept
    /// for display and never changes which address the mailbox is.
    /// </summary>
    private static bool TryParseRoute(ReadOnlySpan<byte> raw, ReadOnlySpan<AddressToken> inner, ref int index, out string? route)
    {
        route = null;
        var parts = new List<string>();
        var i = index;
        while (true)
        {
            i = SkipComments(inner, i);
            if (i >= inner.Length)
            {
                return false;
            }

            switch (inner[i].Kind)
            {
                case AddressTokenKind.Comma:
                    i++;
                    continue;
                case AddressTokenKind.Colon:
                    index = i + 1;
                    route = string.Join(",", parts);
                    return parts.Count > 0;
                case AddressTokenKind.At:
                    var end = i + 1;
                    while (end < inner.Length && inner[end].Kind is not (AddressTokenKind.Comma or AddressTokenKind.Colon))
                    {
                        end++;
                    }

                    var domainTokens = TrimComments(inner[(i + 1)..end]);
                    var ignored = MailboxForms.None;
                    if (!CheckDomain(domainTokens, ref ignored))
                    {
                        return false;
                    }

                    parts.Add("@" + AddressText.Join(raw, domainTokens));
                    i = end;
                    continue;
                default:
                    return false;
            }
        }
    }

    /// <summary>
    /// The display name before '&lt;': words, dots (obs-phrase) and comments; also tolerated, because clients show
    /// them as text, an unquoted '@' and '[...]'. Whatever they hold, they only ever become the name.
    /// </summary>
    private static bool CheckPhrase(ReadOnlySpan<AddressToken> phrase, ref MailboxForms forms)
    {
        foreach (var token in phrase)
        {
            switch (token.Kind)
            {
                case AddressTokenKind.Atom or AddressTokenKind.QuotedString or AddressTokenKind.Dot or AddressTokenKind.Comment:
                    break;
                case AddressTokenKind.At:
                    forms |= MailboxForms.AtInPhrase;
                    break;
                case AddressTokenKind.DomainLiteral:
                    forms |= MailboxForms.LiteralInPhrase;
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    private static bool OnlyComments(ReadOnlySpan<AddressToken> tokens) => SkipComments(tokens, 0) == tokens.Length;

    private static int SkipComments(ReadOnlySpan<AddressToken> tokens, int index)
    {
        while (index < tokens.Length && tokens[index].Kind == AddressTokenKind.Comment)
        {
            index++;
        }

        return index;
    }

    private static ReadOnlySpan<AddressToken> TrimComments(ReadOnlySpan<AddressToken> tokens)
    {
        var start = SkipComments(tokens, 0);
        var end = tokens.Length;
        while (end > start && tokens[end - 1].Kind == AddressTokenKind.Comment)
        {
            end--;
        }

        return tokens[start..end];
    }
}
