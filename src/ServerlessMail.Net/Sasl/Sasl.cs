using System.Buffers.Text;
using System.Text;

namespace ServerlessMail.Net;

/// <summary>Decoding of the SASL mechanisms the edges offer, PLAIN (RFC 4616) and LOGIN, shared by SMTP and IMAP.</summary>
public static class Sasl
{
    /// <summary>The longest base64 response accepted; tokens and addresses are far shorter.</summary>
    public const int MaxResponseLength = 4 * 1024;

    /// <summary>
    /// Decodes a PLAIN response: <c>[authzid] NUL authcid NUL passwd</c>, base64-encoded. An empty authorization id means
    /// "the same as the user name".
    /// </summary>
    public static SaslError TryDecodePlain(ReadOnlySpan<byte> base64, out SaslCredentials? credentials)
    {
        credentials = null;
        var error = TryDecodeBase64(base64, out var decoded);
        if (error != SaslError.None)
        {
            return error;
        }

        var text = Encoding.UTF8.GetString(decoded);
        var parts = text.Split('\0');
        if (parts.Length != 3 || parts[1].Length == 0)
        {
            return SaslError.MalformedMessage;
        }

        credentials = new SaslCredentials(parts[0].Length == 0 ? parts[1] : parts[0], parts[1], parts[2]);
        return SaslError.None;
    }

    /// <summary>Decodes one step of LOGIN (the user name, then the password), each a base64 string.</summary>
    public static SaslError TryDecodeText(ReadOnlySpan<byte> base64, out string? value)
    {
        value = null;
        var error = TryDecodeBase64(base64, out var decoded);
        if (error != SaslError.None)
        {
            return error;
        }

        value = Encoding.UTF8.GetString(decoded);
        return value.Contains('\0', StringComparison.Ordinal) ? SaslError.MalformedMessage : SaslError.None;
    }

    private static SaslError TryDecodeBase64(ReadOnlySpan<byte> base64, out byte[] decoded)
    {
        decoded = [];
        base64 = base64.Trim(" \t\r\n"u8);
        if (base64.SequenceEqual("*"u8))
        {
            return SaslError.Cancelled;
        }

        if (base64.SequenceEqual("="u8))
        {
            return SaslError.None;
        }

        if (base64.Length > MaxResponseLength || !Base64.IsValid(base64, out var length) || base64.IndexOfAny(" \t"u8) >= 0)
        {
            return SaslError.MalformedBase64;
        }

        decoded = new byte[length];
        return Base64.DecodeFromUtf8(base64, decoded, out _, out _) == System.Buffers.OperationStatus.Done
            ? SaslError.None
            : SaslError.MalformedBase64;
    }
}
