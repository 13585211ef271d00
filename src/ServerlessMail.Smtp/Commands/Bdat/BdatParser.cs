using System.Globalization;
using System.Text;

namespace ServerlessMail.Smtp;

/// <summary><c>BDAT SP chunk-size [SP end-marker]</c>, end-marker = "LAST" (RFC 3030 §2).</summary>
internal static class BdatParser
{
    // More digits than any message we accept could need; keeps the value inside a long.
    private const int MaxDigits = 18;

    public static bool TryParse(ReadOnlySpan<byte> arguments, out BdatCommand? command)
    {
        command = null;
        var space = arguments.IndexOf((byte)' ');
        var digits = space < 0 ? arguments : arguments[..space];
        var rest = space < 0 ? default : arguments[(space + 1)..];
        if (digits.IsEmpty || digits.Length > MaxDigits || digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0)
        {
            return false;
        }

        var last = false;
        if (!rest.IsEmpty)
        {
            if (!Ascii.EqualsIgnoreCase(rest.TrimEnd((byte)' '), "LAST"u8))
            {
                return false;
            }

            last = true;
        }

        command = new BdatCommand(long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture), last);
        return true;
    }
}
