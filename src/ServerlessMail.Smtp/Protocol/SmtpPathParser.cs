using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace ServerlessMail.Smtp;

/// <summary>Parses a Path (RFC 5321 §4.1.2), with UTF-8 in local parts and domains as RFC 6531 §3.3 allows.</summary>
internal static class SmtpPathParser
{
    // RFC 5321 §4.5.3.1.1–3: local part, domain and whole path limits, in octets.
    private const int MaxLocalPart = 64;
    private const int MaxDomain = 255;
    private const int MaxPath = 256;

    private static readonly SearchValues<byte> AText = SearchValues.Create(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+-/=?^_`{|}~"u8);

    private static readonly SearchValues<byte> LetDig = SearchValues.Create(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"u8);

    /// <summary>Parses a path at the start of <paramref name="input"/>; <paramref name="consumed"/> is its length.</summary>
    public static bool TryParse(ReadOnlySpan<byte> input, bool allowNull, out SmtpPath path, out int consumed)
    {
        path = SmtpPath.Null;
        consumed = 0;
        var close = input.IndexOf((byte)'>');
        if (input.IsEmpty || input[0] != (byte)'<' || close < 0 || close + 1 > MaxPath || !Utf8.IsValid(input[..(close + 1)]))
        {
            return false;
        }

        var body = input[1..close];
        consumed = close + 1;
        if (body.IsEmpty)
        {
            return allowNull;
        }

        var routed = false;
        if (body[0] == (byte)'@')
        {
            // A-d-l ":" — the source route. Validated, then ignored.
            var colon = body.IndexOf((byte)':');
            if (colon < 0 || !IsRoute(body[..colon]))
            {
                return false;
            }

            routed = true;
            body = body[(colon + 1)..];
        }

        if (!TryLocalPart(body, out var local, out var raw, out var used) || used >= body.Length || body[used] != (byte)'@')
        {
            return false;
        }

        var domainBytes = body[(used + 1)..];
        var literal = domainBytes.Length > 0 && domainBytes[0] == (byte)'[';
        if (used > MaxLocalPart || domainBytes.Length > MaxDomain || !(literal ? IsAddressLiteral(domainBytes) : IsDomain(domainBytes)))
        {
            return false;
        }

        path = new SmtpPath(local, raw, Encoding.UTF8.GetString(domainBytes), literal, routed, Ascii.IsValid(body));
        return true;
    }

    private static bool IsRoute(ReadOnlySpan<byte> route)
    {
        foreach (var range in route.Split((byte)','))
        {
            var atDomain = route[range];
            if (atDomain.Length < 2 || atDomain[0] != (byte)'@' || !IsDomain(atDomain[1..]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryLocalPart(ReadOnlySpan<byte> text, out string local, out string raw, out int used)
    {
        local = raw = string.Empty;
        used = 0;
        if (text.IsEmpty)
        {
            return false;
        }

        if (text[0] != (byte)'"')
        {
            var at = text.LastIndexOf((byte)'@');
            if (at <= 0 || !IsDotString(text[..at]))
            {
                return false;
            }

            used = at;
            local = raw = Encoding.UTF8.GetString(text[..at]);
            return true;
        }

        // Quoted-string: qtextSMTP is %d32-33 / %d35-91 / %d93-126 (and UTF-8); quoted-pairSMTP is "\" %d32-126.
        var content = new List<byte>();
        var i = 1;
        for (; i < text.Length && text[i] != (byte)'"'; i++)
        {
            var b = text[i];
            if (b == (byte)'\\')
            {
                if (++i >= text.Length || text[i] < 32 || text[i] > 126)
                {
                    return false;
                }

                b = text[i];
            }
            else if (b < 32 || b == 127)
            {
                return false;
            }

            content.Add(b);
        }

        if (i >= text.Length || content.Count == 0)
        {
            return false;
        }

        used = i + 1;
        var bytes = content.ToArray();
        raw = Encoding.UTF8.GetString(bytes);
        local = IsDotString(bytes) ? raw : Encoding.UTF8.GetString(text[..used]);
        return true;
    }

    private static bool IsDotString(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty || text[0] == (byte)'.' || text[^1] == (byte)'.' || text.IndexOf(".."u8) >= 0)
        {
            return false;
        }

        foreach (var b in text)
        {
            if (b != (byte)'.' && b < 0x80 && !AText.Contains(b))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>sub-domain *("." sub-domain), each Let-dig [Ldh-str]; UTF-8 counts as a letter (RFC 6531 §3.3).</summary>
    public static bool IsDomain(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var range in text.Split((byte)'.'))
        {
            var label = text[range];
            if (label.IsEmpty || label.Length > 63 || !IsLetDig(label[0]) || !IsLetDig(label[^1]))
            {
                return false;
            }

            foreach (var b in label)
            {
                if (b != (byte)'-' && !IsLetDig(b))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsLetDig(byte b) => b >= 0x80 || LetDig.Contains(b);

    /// <summary>"[" (IPv4 / "IPv6:" address / tag ":" content) "]": recognised only so it can be refused.</summary>
    private static bool IsAddressLiteral(ReadOnlySpan<byte> text)
    {
        if (text.Length < 3 || text[^1] != (byte)']')
        {
            return false;
        }

        foreach (var b in text[1..^1])
        {
            if (b < 33 || b > 126 || b == (byte)'[' || b == (byte)']' || b == (byte)'\\')
            {
                return false;
            }
        }

        return true;
    }
}
