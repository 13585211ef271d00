using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ServerlessMail.Mime;

public static partial class AddressParser
{
    // RFC 5321 §4.5.3.1: 64 octets of local part, 255 of domain, and a path of 256 including the brackets.
    private const int MaxLocalPartOctets = 64;
    private const int MaxDomainOctets = 253;
    private const int MaxAddressOctets = 254;

    // A display name plus an address; anything longer is not something a person typed.
    private const int MaxInputLength = 1024;

    private const MailboxForms StrictRejects = MailboxForms.Comments | MailboxForms.ObsoleteLocalPart | MailboxForms.ObsoleteDomain
        | MailboxForms.Route | MailboxForms.AtInPhrase | MailboxForms.LiteralInPhrase | MailboxForms.Empty;

    private static readonly SearchValues<char> QuotedLocalSpecials = SearchValues.Create("@<>,;:\"\\()[]");

    private static readonly IdnMapping StrictIdn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    /// <summary>
    /// Validates user input (REST API, SMTP envelopes): exactly one mailbox, <c>Name &lt;a@b&gt;</c> or bare
    /// <c>a@b</c>. No groups, routes, comments, folds or obsolete syntax. The local part is a dot-atom or a quoted
    /// string (without address specials inside it, and not an encoded-word); the domain is a host name whose labels
    /// are letters, digits and hyphens (or a Unicode name whose punycode form is), or an IPv4/IPv6 address literal.
    /// </summary>
    public static bool TryParseMailbox(string text, [NotNullWhen(true)] out MailboxAddress? mailbox)
    {
        mailbox = null;
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxInputLength)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                return false;
            }
        }

        var raw = Encoding.UTF8.GetBytes(text);
        var tokens = new List<AddressToken>();
        var tokenizer = new AddressTokenizer(raw);
        while (tokenizer.Next(out var token))
        {
            if (token.Kind is AddressTokenKind.Invalid or AddressTokenKind.Comma or AddressTokenKind.Semicolon
                or AddressTokenKind.Colon or AddressTokenKind.Comment)
            {
                return false;
            }

            tokens.Add(token);
        }

        var candidate = ParseMailbox(raw, tokens.ToArray(), out var forms);
        if (candidate is null || (forms & StrictRejects) != 0
            || !IsStrictLocalPart(candidate.LocalPart, (forms & MailboxForms.QuotedLocalPart) != 0)
            || !IsStrictDomain(candidate.Domain)
            || Encoding.UTF8.GetByteCount(candidate.LocalPart) + 1 + Encoding.UTF8.GetByteCount(candidate.Domain) > MaxAddressOctets)
        {
            return false;
        }

        mailbox = candidate;
        return true;
    }

    private static bool IsStrictLocalPart(string local, bool quoted)
    {
        if (local.Length == 0 || Encoding.UTF8.GetByteCount(local) > MaxLocalPartOctets)
        {
            return false;
        }

        // An encoded-word is never decoded in an addr-spec (RFC 2047 §5), but a person typing one is an attack.
        if (local.Contains("=?", StringComparison.Ordinal) && local.Contains("?=", StringComparison.Ordinal))
        {
            return false;
        }

        // A quoted local part may hold spaces, but not the characters that make it read as another address
        // ("alice@example.com"@evil.example).
        return !quoted || local.AsSpan().IndexOfAny(QuotedLocalSpecials) < 0;
    }

    private static bool IsStrictDomain(string domain)
    {
        if (domain.StartsWith('['))
        {
            return IsAddressLiteral(domain.AsSpan(1, domain.Length - 2));
        }

        string ascii;
        try
        {
            ascii = Ascii.IsValid(domain) ? domain : StrictIdn.GetAscii(domain);
        }
        catch (ArgumentException)
        {
            return false;
        }

        if (ascii.Length > MaxDomainOctets)
        {
            return false;
        }

        var labels = ascii.Split('.');
        foreach (var label in labels)
        {
            if (!IsHostLabel(label))
            {
                return false;
            }
        }

        // A bare IP address is written as a literal (RFC 5321 §4.1.3); an all-numeric top label is not a host name.
        return labels[^1].AsSpan().ContainsAnyExceptInRange('0', '9');
    }

    /// <summary>RFC 1123 §2.1 letters, digits and inner hyphens; an xn-- label must be punycode that round-trips.</summary>
    private static bool IsHostLabel(string label)
    {
        if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
        {
            return false;
        }

        foreach (var c in label)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return false;
            }
        }

        return !label.StartsWith("xn--", StringComparison.OrdinalIgnoreCase) || IdnDomain.RoundTrips(label, StrictIdn);
    }

    /// <summary>RFC 5321 §4.1.3: <c>[192.0.2.1]</c> or <c>[IPv6:2001:db8::1]</c>.</summary>
    private static bool IsAddressLiteral(ReadOnlySpan<char> literal)
    {
        if (literal.StartsWith("IPv6:", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.TryParse(literal[5..], out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6
                && !literal.Contains('%');
        }

        // IPAddress.TryParse also takes "1" or "0x7f.1"; a literal must be exactly four decimal octets.
        var parts = 0;
        foreach (var range in literal.Split('.'))
        {
            var part = literal[range];
            if (++parts > 4 || part.Length is 0 or > 3 || part.ContainsAnyExceptInRange('0', '9')
                || int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }
        }

        return parts == 4;
    }
}
