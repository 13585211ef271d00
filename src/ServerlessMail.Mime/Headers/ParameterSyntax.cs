using System.Text;

namespace ServerlessMail.Mime;

/// <summary>
/// The lexical pieces shared by Content-Type and Content-Disposition: tokens, comments and quoted strings
/// (RFC 2045 §5.1, RFC 5322 §3.2). Every scanner is total: on malformed input it stops somewhere sensible.
/// Comments need state and live in <see cref="ParameterReader"/>.
/// </summary>
internal static class ParameterSyntax
{
    // Tokens longer than this are lower-cased on the heap; real type, subtype and parameter names are far shorter.
    private const int MaxStackToken = 64;

    // RFC 2045 §5.1: token := 1*<any (US-ASCII) CHAR except SPACE, CTLs, or tspecials>.
    public static bool IsTokenChar(byte b) => b is > 0x20 and < 0x7F && "()<>@,;:\\\"/[]?="u8.IndexOf(b) < 0;

    public static bool IsWhite(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    public static int ScanToken(ReadOnlySpan<byte> s, int pos)
    {
        while (pos < s.Length && IsTokenChar(s[pos]))
        {
            pos++;
        }

        return pos;
    }

    /// <summary>
    /// Scans the quoted-string whose opening quote is at <paramref name="pos"/>. Returns the index after the closing
    /// quote; <paramref name="contentEnd"/> is where the content stops. An unbalanced quote runs to the end of input.
    /// </summary>
    public static int ScanQuoted(ReadOnlySpan<byte> s, int pos, out int contentEnd)
    {
        for (var i = pos + 1; i < s.Length; i++)
        {
            if (s[i] == (byte)'\\')
            {
                i++;
            }
            else if (s[i] == (byte)'"')
            {
                contentEnd = i;
                return i + 1;
            }
        }

        contentEnd = s.Length;
        return s.Length;
    }

    /// <summary>
    /// Lower-cases an ASCII token and returns the shared string for the names every message repeats, so the common
    /// case allocates nothing.
    /// </summary>
    public static string LowerToken(ReadOnlySpan<byte> token)
    {
        if (token.Length > MaxStackToken)
        {
            return Encoding.ASCII.GetString(token).ToLowerInvariant();
        }

        Span<char> lower = stackalloc char[token.Length];
        for (var i = 0; i < token.Length; i++)
        {
            var b = token[i];
            lower[i] = (char)(b is >= (byte)'A' and <= (byte)'Z' ? b | 0x20 : b);
        }

        return KnownToken(lower) ?? new string(lower);
    }

    private static string? KnownToken(ReadOnlySpan<char> lower) => lower switch
    {
        // Media types (RFC 2046, RFC 8081).
        "text" => "text",
        "multipart" => "multipart",
        "application" => "application",
        "image" => "image",
        "audio" => "audio",
        "video" => "video",
        "message" => "message",
        "model" => "model",
        "font" => "font",

        // Subtypes seen in most mail.
        "plain" => "plain",
        "html" => "html",
        "enriched" => "enriched",
        "calendar" => "calendar",
        "csv" => "csv",
        "xml" => "xml",
        "mixed" => "mixed",
        "alternative" => "alternative",
        "related" => "related",
        "digest" => "digest",
        "parallel" => "parallel",
        "signed" => "signed",
        "encrypted" => "encrypted",
        "report" => "report",
        "octet-stream" => "octet-stream",
        "pdf" => "pdf",
        "json" => "json",
        "zip" => "zip",
        "ms-tnef" => "ms-tnef",
        "pkcs7-signature" => "pkcs7-signature",
        "x-pkcs7-signature" => "x-pkcs7-signature",
        "pkcs7-mime" => "pkcs7-mime",
        "pgp-signature" => "pgp-signature",
        "pgp-encrypted" => "pgp-encrypted",
        "rfc822" => "rfc822",
        "global" => "global",
        "rfc822-headers" => "rfc822-headers",
        "delivery-status" => "delivery-status",
        "disposition-notification" => "disposition-notification",
        "partial" => "partial",
        "external-body" => "external-body",
        "jpeg" => "jpeg",
        "png" => "png",
        "gif" => "gif",

        // Dispositions (RFC 2183 §2, RFC 7578 §4.2).
        "inline" => "inline",
        "attachment" => "attachment",
        "form-data" => "form-data",

        // Parameter names.
        "charset" => "charset",
        "boundary" => "boundary",
        "name" => "name",
        "filename" => "filename",
        "format" => "format",
        "delsp" => "delsp",
        "type" => "type",
        "start" => "start",
        "start-info" => "start-info",
        "protocol" => "protocol",
        "micalg" => "micalg",
        "smime-type" => "smime-type",
        "report-type" => "report-type",
        "reply-type" => "reply-type",
        "method" => "method",
        "size" => "size",
        "creation-date" => "creation-date",
        "modification-date" => "modification-date",
        "read-date" => "read-date",
        "access-type" => "access-type",
        "id" => "id",
        "number" => "number",
        "total" => "total",
        _ => null,
    };

    /// <summary>The shared string for the parameter values nearly every message carries, matched exactly.</summary>
    public static string? KnownValue(ReadOnlySpan<byte> value) => value.Length switch
    {
        2 when value.SequenceEqual("no"u8) => "no",
        3 when value.SequenceEqual("yes"u8) => "yes",
        5 when value.SequenceEqual("utf-8"u8) => "utf-8",
        5 when value.SequenceEqual("UTF-8"u8) => "UTF-8",
        5 when value.SequenceEqual("fixed"u8) => "fixed",
        6 when value.SequenceEqual("flowed"u8) => "flowed",
        8 when value.SequenceEqual("us-ascii"u8) => "us-ascii",
        8 when value.SequenceEqual("US-ASCII"u8) => "US-ASCII",
        10 when value.SequenceEqual("iso-8859-1"u8) => "iso-8859-1",
        10 when value.SequenceEqual("ISO-8859-1"u8) => "ISO-8859-1",
        12 when value.SequenceEqual("windows-1252"u8) => "windows-1252",
        12 when value.SequenceEqual("Windows-1252"u8) => "Windows-1252",
        _ => null,
    };
}
