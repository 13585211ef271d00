using System.Buffers;

namespace ServerlessMail.Mime;

internal sealed partial class MimeParserCore
{
    private readonly List<FieldSpan> _fields = [];
    private byte[] _scratch = [];
    private int _scratchLength;

    /// <summary>
    /// Reads a header block (RFC 5322 §2.2) up to and including the empty line that ends it. Returns the delimiter
    /// when the block runs into one instead (a part with no body). Field octets past the limits are consumed but not kept.
    /// </summary>
    private BoundaryMatch ReadHeaderBlock(MimeEntity entity)
    {
        _fields.Clear();
        _scratchLength = 0;
        var keeping = true;
        try
        {
            while (true)
            {
                var available = _reader.Ensure(2);
                if (available == 0)
                {
                    if (_fields.Count > 0 || entity.Depth > 0)
                    {
                        entity.Defects |= MimeDefects.UnterminatedHeaders;
                    }

                    break;
                }

                var window = _reader.Window;
                if (window[0] == (byte)'\n')
                {
                    _reader.Advance(1);
                    break;
                }

                if (window[0] == (byte)'\r' && (available == 1 || window[1] == (byte)'\n'))
                {
                    _reader.Advance(available == 1 ? 1 : 2);
                    break;
                }

                if (window[0] == (byte)'-' && _boundaries.Count > 0 && TryMatchDelimiter(0, _boundaries.Lookahead))
                {
                    entity.Defects |= MimeDefects.UnterminatedHeaders;
                    return _pendingDelimiter;
                }

                keeping = ReadField(entity, keeping);
            }

            return default;
        }
        finally
        {
            entity.Headers = BuildHeaders(entity);
        }
    }

    /// <summary>Reads one field: its first line and every continuation line (RFC 5322 §2.2.3 folding).</summary>
    private bool ReadField(MimeEntity entity, bool keeping)
    {
        var offset = _reader.Position;
        var start = _scratchLength;
        keeping &= _fields.Count < _options.MaxHeaders;
        while (true)
        {
            bool lineEnded;
            do
            {
                var window = _reader.Window;
                var lineFeed = window.IndexOf((byte)'\n');
                var take = lineFeed < 0 ? window.Length : lineFeed + 1;
                _reader.BytesExamined += take;
                keeping = keeping && Append(window[..take]);
                _reader.Advance(take);
                lineEnded = lineFeed >= 0;
            }
            while (!lineEnded && _reader.ReadMore());

            if (!lineEnded || _reader.Ensure(1) == 0 || _reader.Window[0] is not ((byte)' ' or (byte)'\t'))
            {
                break;
            }
        }

        if (keeping)
        {
            _fields.Add(new FieldSpan(start, _scratchLength, offset));
        }
        else
        {
            _scratchLength = start;
            entity.Defects |= MimeDefects.HeadersTruncated;
        }

        return keeping;
    }

    private bool Append(ReadOnlySpan<byte> bytes)
    {
        var needed = _scratchLength + bytes.Length;
        if (needed > _options.MaxHeaderBytes)
        {
            return false;
        }

        if (needed > _scratch.Length)
        {
            var grown = ArrayPool<byte>.Shared.Rent(Math.Min(Math.Max(needed, _scratch.Length * 2), Math.Max(needed, _options.MaxHeaderBytes)));
            _scratch.AsSpan(0, _scratchLength).CopyTo(grown);
            if (_scratch.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_scratch);
            }

            _scratch = grown;
        }

        bytes.CopyTo(_scratch.AsSpan(_scratchLength));
        _scratchLength = needed;
        return true;
    }

    private HeaderList BuildHeaders(MimeEntity entity)
    {
        if (_fields.Count == 0)
        {
            return HeaderList.Empty;
        }

        // One array per header block: every field's raw value is a slice of it.
        var block = _scratch.AsSpan(0, _scratchLength).ToArray();
        _headerBytesKept += block.Length;
        var headers = new Header[_fields.Count];
        for (var i = 0; i < headers.Length; i++)
        {
            var field = _fields[i];
            var end = field.End;
            if (end > field.Start && block[end - 1] == (byte)'\n')
            {
                end--;
                if (end > field.Start && block[end - 1] == (byte)'\r')
                {
                    end--;
                }
            }

            var line = block.AsSpan(field.Start, end - field.Start);
            var colon = line.IndexOf((byte)':');
            var nameLength = colon < 0 ? 0 : TrimmedNameLength(line[..colon]);
            if (nameLength == 0)
            {
                entity.Defects |= MimeDefects.InvalidHeaderLine;
                headers[i] = new Header(string.Empty, block.AsMemory(field.Start, end - field.Start), field.Offset, isInvalid: true);
                continue;
            }

            var name = HeaderNames.Intern(line[..nameLength]);
            headers[i] = new Header(name, block.AsMemory(field.Start + colon + 1, end - field.Start - colon - 1), field.Offset);
        }

        return new HeaderList(headers);
    }

    /// <summary>The length of a valid field name (RFC 5322 §3.6.8 ftext, trailing blanks allowed by §4.5), or 0.</summary>
    private static int TrimmedNameLength(ReadOnlySpan<byte> name)
    {
        var length = name.TrimEnd(" \t"u8).Length;
        if (length == 0)
        {
            return 0;
        }

        foreach (var b in name[..length])
        {
            if (b is < 33 or > 126)
            {
                return 0;
            }
        }

        return length;
    }

    private static void ApplyContentHeaders(MimeEntity entity, ContentType defaultType)
    {
        ContentType? type = null;
        var encodingSeen = false;
        foreach (var header in entity.Headers)
        {
            if (type is null && header.Name.Equals(HeaderNames.ContentType, StringComparison.OrdinalIgnoreCase))
            {
                var parsed = ContentType.Parse(header.RawValue.Span);
                type = parsed.IsValid ? parsed : ContentType.Default;
            }
            else if (!encodingSeen && header.Name.Equals(HeaderNames.ContentTransferEncoding, StringComparison.OrdinalIgnoreCase))
            {
                entity.ContentTransferEncoding = ContentEncodings.Parse(header.RawValue.Span);
                encodingSeen = true;
            }
        }

        entity.HasDefaultContentType = type is null;
        entity.ContentType = type ?? defaultType;
    }

    private void ReleaseScratch()
    {
        if (_scratch.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_scratch);
            _scratch = [];
        }
    }

    private readonly record struct FieldSpan(int Start, int End, long Offset);
}
