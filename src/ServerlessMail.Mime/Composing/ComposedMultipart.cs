namespace ServerlessMail.Mime;

/// <summary>A <c>multipart/*</c> entity (RFC 2046 §5.1) with a boundary chosen when the message is written.</summary>
internal sealed class ComposedMultipart(string subtype, IReadOnlyList<ComposedEntity> children, string? rootType = null) : ComposedEntity
{
    private string _boundary = string.Empty;

    public override void Prepare(MessageFormatOptions options, HashSet<string> boundaries)
    {
        foreach (var child in children)
        {
            child.Prepare(options, boundaries);
        }

        // The random part makes a collision all but impossible; checking costs a scan of the raw parts only.
        do
        {
            _boundary = BoundaryGenerator.Create();
        }
        while (boundaries.Contains(_boundary) || RawContentContains(System.Text.Encoding.ASCII.GetBytes("--" + _boundary)));

        boundaries.Add(_boundary);
    }

    public override void AddHeaders(List<string> fields, bool allowUtf8)
    {
        var contentType = new HeaderFolder("Content-Type");
        contentType.Append(" ", "multipart/" + subtype);
        ParameterWriter.Write(contentType, "boundary", _boundary);
        if (rootType is not null)
        {
            // RFC 2387 §3.1: multipart/related names the type of its root part.
            ParameterWriter.Write(contentType, "type", rootType);
        }

        fields.Add(contentType.Complete());
    }

    public override void WriteBody(Stream stream, bool allowUtf8)
    {
        var delimiter = System.Text.Encoding.ASCII.GetBytes("--" + _boundary + "\r\n");
        for (var i = 0; i < children.Count; i++)
        {
            // RFC 2046 §5.1.1: the CRLF before a delimiter belongs to it, so each part keeps its own final CRLF.
            if (i > 0)
            {
                stream.Write("\r\n"u8);
            }

            stream.Write(delimiter);
            children[i].WriteTo(stream, allowUtf8);
        }

        stream.Write("\r\n"u8);
        stream.Write(delimiter.AsSpan(0, delimiter.Length - 2));
        stream.Write("--\r\n"u8);
    }

    public override bool RawContentContains(ReadOnlySpan<byte> delimiter)
    {
        foreach (var child in children)
        {
            if (child.RawContentContains(delimiter))
            {
                return true;
            }
        }

        return false;
    }
}
