using System.Globalization;

namespace ServerlessMail.Imap;

/// <summary>RFC 3501 §9 section-spec: [part] ["." (HEADER | HEADER.FIELDS[.NOT] (names) | TEXT | MIME)].</summary>
internal static class SectionParser
{
    private const int MaxParts = 32;
    private const int MaxFields = 256;

    public static SectionSpec? TryParse(string text)
    {
        var part = new List<int>();
        var rest = text;
        while (rest.Length > 0 && char.IsAsciiDigit(rest[0]))
        {
            var dot = rest.IndexOf('.', StringComparison.Ordinal);
            var number = dot < 0 ? rest : rest[..dot];
            if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n == 0 || part.Count >= MaxParts)
            {
                return null;
            }

            part.Add(n);
            rest = dot < 0 ? string.Empty : rest[(dot + 1)..];
            if (dot >= 0 && rest.Length == 0)
            {
                return null;
            }
        }

        if (rest.Length == 0)
        {
            return new SectionSpec(part, SectionKind.Full, []);
        }

        var upper = rest.ToUpperInvariant();
        switch (upper)
        {
            case "HEADER":
                return new SectionSpec(part, SectionKind.Header, []);
            case "TEXT":
                return new SectionSpec(part, SectionKind.Text, []);
            case "MIME" when part.Count > 0:
                return new SectionSpec(part, SectionKind.Mime, []);
        }

        var not = upper.StartsWith("HEADER.FIELDS.NOT ", StringComparison.Ordinal);
        if (!not && !upper.StartsWith("HEADER.FIELDS ", StringComparison.Ordinal))
        {
            return null;
        }

        var list = rest[(rest.IndexOf(' ', StringComparison.Ordinal) + 1)..].Trim();
        if (list.Length < 3 || list[0] != '(' || list[^1] != ')')
        {
            return null;
        }

        var fields = list[1..^1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(f => f.Trim('"')).ToList();
        if (fields.Count is 0 or > MaxFields || fields.Any(f => f.Length == 0 || f.Any(c => c <= ' ' || c == ':' || c > '~')))
        {
            return null;
        }

        return new SectionSpec(part, not ? SectionKind.HeaderFieldsNot : SectionKind.HeaderFields, fields);
    }
}
