using System.Text;

namespace ServerlessMail.Mime;

/// <summary>One entity of a message being written: a leaf with content, or a multipart of other entities.</summary>
internal abstract class ComposedEntity
{
    /// <summary>Decides what depends on the transport (encodings) and on the content (boundaries), before anything is written.</summary>
    public abstract void Prepare(MessageFormatOptions options, HashSet<string> boundaries);

    /// <summary>Adds the entity's Content-* fields, each complete with its CRLF.</summary>
    public abstract void AddHeaders(List<string> fields, bool allowUtf8);

    public abstract void WriteBody(Stream stream, bool allowUtf8);

    /// <summary>True when content written without a transfer encoding contains <paramref name="delimiter"/>.</summary>
    public abstract bool RawContentContains(ReadOnlySpan<byte> delimiter);

    /// <summary>The header fields, the empty line and the body.</summary>
    public void WriteTo(Stream stream, bool allowUtf8)
    {
        var fields = new List<string>();
        AddHeaders(fields, allowUtf8);
        WriteFields(stream, fields, allowUtf8);
        stream.Write("\r\n"u8);
        WriteBody(stream, allowUtf8);
    }

    public static void WriteFields(Stream stream, List<string> fields, bool allowUtf8)
    {
        foreach (var field in fields)
        {
            if (!allowUtf8 && !Ascii.IsValid(field))
            {
                throw new InvalidOperationException($"Internal error: a header would carry raw UTF-8 without SMTPUTF8: {field}");
            }

            stream.Write(Encoding.UTF8.GetBytes(field));
        }
    }
}
