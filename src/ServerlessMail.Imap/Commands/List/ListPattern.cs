namespace ServerlessMail.Imap;

/// <summary>RFC 3501 §6.3.8 LIST wildcards: '*' matches anything, '%' anything but the separator. Iterative, so no pattern explodes.</summary>
internal static class ListPattern
{
    /// <summary>The reference and a pattern as one canonical pattern (RFC 3501 §6.3.8), a separator between them when neither gives one.</summary>
    public static string Combine(string reference, string pattern) =>
        reference.Length > 0 && !reference.EndsWith(MailboxView.Separator) && pattern.Length > 0 ? reference + MailboxView.Separator + pattern : reference + pattern;

    public static bool Matches(string pattern, string name)
    {
        int p = 0, n = 0, starP = -1, starN = 0;
        var starCrossesSeparator = false;
        while (n < name.Length)
        {
            if (p < pattern.Length && (pattern[p] == '*' || pattern[p] == '%'))
            {
                starCrossesSeparator = pattern[p] == '*';
                starP = p++;
                starN = n;
            }
            else if (p < pattern.Length && Same(pattern[p], name[n], pattern, p, name))
            {
                p++;
                n++;
            }
            else if (starP >= 0 && (starCrossesSeparator || name[starN] != MailboxView.Separator))
            {
                p = starP + 1;
                n = ++starN;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && (pattern[p] == '*' || pattern[p] == '%'))
        {
            p++;
        }

        return p == pattern.Length;
    }

    // INBOX matches in any case (RFC 3501 §5.1); other names exactly.
    private static bool Same(char a, char b, string pattern, int p, string name) =>
        a == b || (name.StartsWith("INBOX", StringComparison.Ordinal) && p < 5 && char.ToUpperInvariant(a) == b && pattern.Length >= 5
            && pattern[..5].Equals("INBOX", StringComparison.OrdinalIgnoreCase));
}
