namespace ServerlessMail.Mime;

/// <summary>Content-Transfer-Encoding values (RFC 2045 §6) and their decoders.</summary>
public static class ContentEncodings
{
    // Longer than any name we know: the value cannot match, so it is Unknown without further work.
    private const int MaxMechanismLength = 32;

    /// <summary>
    /// Parses a raw Content-Transfer-Encoding value. Case-insensitive; whitespace, folds, comments and surrounding
    /// quotes are ignored, as is anything after a ';'. Empty is <see cref="ContentEncoding.Default"/>; names we do not
    /// know are <see cref="ContentEncoding.Unknown"/>.
    /// </summary>
    public static ContentEncoding Parse(ReadOnlySpan<byte> raw)
    {
        Span<byte> name = stackalloc byte[MaxMechanismLength];
        int length = 0;
        int depth = 0;
        for (int i = 0; i < raw.Length; i++)
        {
            byte b = raw[i];
            if (depth > 0)
            {
                // RFC 5322 §3.2.2: comments nest and may contain quoted-pairs.
                if (b == (byte)'\\')
                {
                    i++;
                }
                else if (b == (byte)'(')
                {
                    depth++;
                }
                else if (b == (byte)')')
                {
                    depth--;
                }

                continue;
            }

            if (b == (byte)'(')
            {
                depth = 1;
            }
            else if (b == (byte)';')
            {
                break;
            }
            else if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'"'))
            {
                if (length == MaxMechanismLength)
                {
                    return ContentEncoding.Unknown;
                }

                name[length++] = b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b + ('a' - 'A')) : b;
            }
        }

        return Classify(name[..length]);
    }

    /// <summary>A fresh decoder for the encoding, or null for the identity encodings (7bit, 8bit, binary, default, unknown).</summary>
    public static IMimeDecoder? CreateDecoder(ContentEncoding encoding) => encoding switch
    {
        ContentEncoding.Base64 => new Base64Decoder(),
        ContentEncoding.QuotedPrintable => new QuotedPrintableDecoder(),
        ContentEncoding.UUEncode => new UUDecoder(),
        _ => null,
    };

    private static ContentEncoding Classify(ReadOnlySpan<byte> name) => name switch
    {
        [] => ContentEncoding.Default,
        _ when name.SequenceEqual("7bit"u8) || name.SequenceEqual("7-bit"u8) => ContentEncoding.SevenBit,
        _ when name.SequenceEqual("8bit"u8) || name.SequenceEqual("8-bit"u8) => ContentEncoding.EightBit,
        _ when name.SequenceEqual("binary"u8) => ContentEncoding.Binary,
        _ when name.SequenceEqual("base64"u8) => ContentEncoding.Base64,
        _ when name.SequenceEqual("quoted-printable"u8) => ContentEncoding.QuotedPrintable,
        _ when name.SequenceEqual("x-uuencode"u8) || name.SequenceEqual("uuencode"u8) ||
               name.SequenceEqual("x-uue"u8) || name.SequenceEqual("uue"u8) => ContentEncoding.UUEncode,
        _ => ContentEncoding.Unknown,
    };

    /// <summary>The Content-Transfer-Encoding value for an encoding (RFC 2045 §6.1); the default is <c>7bit</c>.</summary>
    public static string ToHeaderValue(ContentEncoding encoding) => encoding switch
    {
        ContentEncoding.Default or ContentEncoding.SevenBit => "7bit",
        ContentEncoding.EightBit => "8bit",
        ContentEncoding.Binary => "binary",
        ContentEncoding.Base64 => "base64",
        ContentEncoding.QuotedPrintable => "quoted-printable",
        ContentEncoding.UUEncode => "x-uuencode",
        _ => "unknown",
    };
}
