using System.Buffers;
using System.Text;

namespace ServerlessMail.Imap.Rendering;

/// <summary>
/// A body-fld-param value. The parser gives decoded text (RFC 2231 continuations reassembled, RFC 2047 words
/// decoded); a value that is not ASCII goes back as one RFC 2047 "B" word in UTF-8, which every IMAP client decodes
/// in a BODYSTRUCTURE filename, where a raw UTF-8 literal would be misread by clients that did not ENABLE UTF8=ACCEPT.
/// </summary>
internal static class ParameterValueWriter
{
    public static void Write(IBufferWriter<byte> output, string value)
    {
        if (Ascii.IsValid(value))
        {
            ImapSyntax.WriteString(output, value);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        ImapSyntax.WriteString(output, "=?utf-8?B?" + Convert.ToBase64String(bytes) + "?=");
    }
}
