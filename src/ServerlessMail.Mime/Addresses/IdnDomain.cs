using System.Globalization;
using System.Text;

namespace ServerlessMail.Mime;

/// <summary>
/// IDNA conversions that never throw and never invent a different name. Malformed punycode can decode to text that
/// is not the name it claims to be (<c>xn--a.com</c> decodes to <c>.com</c>); a conversion counts only when the
/// result converts back to the original and holds only characters a host name can show (the BCL mapping is
/// IDNA2003-era and will decode <c>xn--a</c> to the control character U+0080).
/// </summary>
internal static class IdnDomain
{
    private static readonly IdnMapping Mapping = new() { AllowUnassigned = false, UseStd3AsciiRules = false };

    public static string ToAscii(string domain)
    {
        if (domain.Length == 0 || domain[0] == '[' || Ascii.IsValid(domain))
        {
            return domain;
        }

        try
        {
            return Mapping.GetAscii(domain);
        }
        catch (ArgumentException)
        {
            return domain;
        }
    }

    public static string ToUnicode(string domain)
    {
        if (domain.Length == 0 || domain[0] == '[' || !Ascii.IsValid(domain)
            || !domain.Contains("xn--", StringComparison.OrdinalIgnoreCase))
        {
            return domain;
        }

        try
        {
            var unicode = Mapping.GetUnicode(domain);
            return IsDisplayable(unicode) && string.Equals(Mapping.GetAscii(unicode), domain, StringComparison.OrdinalIgnoreCase)
                ? unicode
                : domain;
        }
        catch (ArgumentException)
        {
            return domain;
        }
    }

    /// <summary>True when an ASCII name decodes to Unicode and encodes back to itself.</summary>
    public static bool RoundTrips(string ascii, IdnMapping mapping)
    {
        try
        {
            var unicode = mapping.GetUnicode(ascii);
            return IsDisplayable(unicode) && string.Equals(mapping.GetAscii(unicode), ascii, StringComparison.OrdinalIgnoreCase);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// Letters, marks, numbers and symbols (emoji domains exist), plus ASCII '.', '-' and '_'. Controls, format
    /// characters (zero-width joiners), spaces, punctuation and unassigned code points are refused.
    /// </summary>
    private static bool IsDisplayable(string unicode)
    {
        foreach (var rune in unicode.EnumerateRunes())
        {
            if (rune.IsAscii)
            {
                if (!char.IsAsciiLetterOrDigit((char)rune.Value) && rune.Value is not ('.' or '-' or '_'))
                {
                    return false;
                }

                continue;
            }

            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                    or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                    or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                    or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
                    or UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol
                    or UnicodeCategory.OtherSymbol:
                    continue;
                default:
                    return false;
            }
        }

        return true;
    }
}
