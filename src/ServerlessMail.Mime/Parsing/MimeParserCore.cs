namespace ServerlessMail.Mime;

/// <summary>
/// The state of one parse. Entities are parsed recursively, but the depth is capped by
/// <see cref="MimeParserOptions.MaxDepth"/>, so the recursion is bounded whatever the input nests.
/// Invariant: when <see cref="ParseEntity"/> returns, the reader stands at the entity's end offset.
/// </summary>
internal sealed partial class MimeParserCore
{
    private readonly MimeReader _reader;
    private readonly MimeParserOptions _options;
    private readonly BoundaryStack _boundaries;
    private int _entities;
    private long _headerBytesKept;

    // The delimiter the last scan stopped at: the line break before it, and the match itself.
    private int _pendingBreakLength;
    private BoundaryMatch _pendingDelimiter;

    public MimeParserCore(MimeReader reader, MimeParserOptions options)
    {
        _reader = reader;
        _options = options;
        _boundaries = new BoundaryStack(options.MaxBoundaryLength);
        if (_boundaries.Lookahead > reader.Capacity)
        {
            throw new ArgumentException("The buffer is too small for the longest boundary.", nameof(options));
        }
    }

    public MimeParseStatistics Statistics =>
        new(_reader.BytesExamined, _boundaries.Comparisons, _entities, _headerBytesKept);

    public MimeEntity ParseMessage()
    {
        var root = new MimeEntity(null, _reader.Position);
        try
        {
            ParseEntity(root, ContentType.Default, MimeDefects.None);
        }
        finally
        {
            ReleaseScratch();
        }

        return root;
    }

    private Termination ParseEntity(MimeEntity entity, ContentType defaultType, MimeDefects forceLeaf)
    {
        _entities++;
        var delimiter = ReadHeaderBlock(entity);
        entity.BodyOffset = _reader.Position;
        var lineFeedsAtBody = _reader.LineFeeds;
        ApplyContentHeaders(entity, defaultType);

        Termination end;
        if (delimiter.Success)
        {
            // The header block ran into a delimiter: the entity has no body.
            end = new Termination(delimiter.Level, delimiter.IsClose);
        }
        else
        {
            var leafReason = forceLeaf | LeafReason(entity);
            entity.Defects |= leafReason;
            end = leafReason != MimeDefects.None ? ScanBody(atLineStart: true)
                : entity.ContentType.IsMultipart ? ParseMultipart(entity)
                : entity.ContentType.IsEncapsulatedMessage && _options.ParseEncapsulatedMessages ? ParseEncapsulated(entity)
                : ScanBody(atLineStart: true);
        }

        entity.EndOffset = _reader.Position;
        entity.BodyLineCount = _reader.LineFeeds - lineFeedsAtBody +
            (entity.BodyLength > 0 && _reader.LastByte != '\n' ? 1 : 0);
        return end;
    }

    /// <summary>Why a container entity must be parsed as a leaf, if it must.</summary>
    private MimeDefects LeafReason(MimeEntity entity)
    {
        var type = entity.ContentType;
        var container = type.IsMultipart || (type.IsEncapsulatedMessage && _options.ParseEncapsulatedMessages);
        if (!container)
        {
            return MimeDefects.None;
        }

        if (type.IsMultipart && BoundaryBytes(type) is null)
        {
            return MimeDefects.MissingBoundary;
        }

        if (type.IsEncapsulatedMessage && entity.ContentTransferEncoding is
            ContentEncoding.Base64 or ContentEncoding.QuotedPrintable or ContentEncoding.UUEncode)
        {
            // RFC 2046 §5.2.1 forbids encoding message/rfc822; some mailers do it anyway. Keep it whole.
            return MimeDefects.EncodedEncapsulatedMessage;
        }

        if (entity.Depth >= _options.MaxDepth)
        {
            return MimeDefects.TooDeep;
        }

        return _entities >= _options.MaxParts ? MimeDefects.TooManyParts : MimeDefects.None;
    }

    private byte[]? BoundaryBytes(ContentType type)
    {
        var boundary = type.Boundary;
        if (string.IsNullOrEmpty(boundary))
        {
            return null;
        }

        // RFC 2046 §5.1.1: a boundary never ends in white space, so trailing blanks in the parameter are padding.
        // Parameter values keep one char per octet for the boundary (Latin-1), so this gives back the exact bytes.
        var bytes = System.Text.Encoding.Latin1.GetBytes(boundary.TrimEnd(' ', '\t'));
        return bytes.Length is > 0 && bytes.Length <= _options.MaxBoundaryLength ? bytes : null;
    }

    private Termination ParseEncapsulated(MimeEntity entity)
    {
        entity.Kind = MimeEntityKind.Message;
        var nested = new MimeEntity(entity, _reader.Position);
        entity.EncapsulatedMessage = nested;
        return ParseEntity(nested, ContentType.Default, MimeDefects.None);
    }

    private Termination ParseMultipart(MimeEntity entity)
    {
        entity.Kind = MimeEntityKind.Multipart;
        _boundaries.Push(BoundaryBytes(entity.ContentType)!);
        var level = _boundaries.Count - 1;
        var childDefault = entity.ContentType.MediaSubtype == "digest" ? ContentType.MessageRfc822 : ContentType.Default;

        var end = ScanBody(atLineStart: true);
        if (_reader.Position > entity.BodyOffset)
        {
            entity.Preamble = new ByteRange(entity.BodyOffset, _reader.Position - entity.BodyOffset);
        }

        var children = new List<MimeEntity>();
        var popped = false;
        while (end.Level == level && !end.IsClose)
        {
            ConsumeDelimiter();
            var child = new MimeEntity(entity, _reader.Position);
            children.Add(child);
            if (_entities + 1 >= _options.MaxParts)
            {
                // The last part the budget allows holds the rest of this multipart: stop recognising its boundary.
                _boundaries.Pop();
                popped = true;
                entity.Defects |= MimeDefects.TooManyParts;
                end = ParseEntity(child, childDefault, MimeDefects.TooManyParts);
                break;
            }

            end = ParseEntity(child, childDefault, MimeDefects.None);
        }

        entity.Children = children;
        if (popped)
        {
            return end;
        }

        _boundaries.Pop();
        if (end.Level != level)
        {
            // End of input or an enclosing delimiter came first (RFC 2046 §5.1.1 requires a close delimiter).
            entity.Defects |= MimeDefects.MissingCloseBoundary;
            return end;
        }

        ConsumeDelimiter();
        var epilogueStart = _reader.Position + LineBreakLength();
        end = ScanBody(atLineStart: false);
        if (_reader.Position > epilogueStart)
        {
            entity.Epilogue = new ByteRange(epilogueStart, _reader.Position - epilogueStart);
        }

        return end;
    }

    /// <summary>
    /// Consumes the delimiter the last scan stopped at: the line break before it and the delimiter itself; after a
    /// separating (not closing) delimiter, also the line break that ends its line.
    /// </summary>
    private void ConsumeDelimiter()
    {
        _reader.Advance(_pendingBreakLength + _pendingDelimiter.Length);
        if (!_pendingDelimiter.IsClose)
        {
            _reader.Advance(LineBreakLength());
        }

        _pendingBreakLength = 0;
        _pendingDelimiter = default;
    }

    private int LineBreakLength()
    {
        var available = _reader.Ensure(2);
        var window = _reader.Window;
        return available == 0 ? 0
            : window[0] == (byte)'\n' ? 1
            : window[0] != (byte)'\r' ? 0
            : available > 1 && window[1] == (byte)'\n' ? 2 : 1;
    }

    /// <summary>
    /// Scans a body up to the next delimiter of any enclosing multipart, or to the end of input, consuming it (so line
    /// feeds are counted). Stops with the reader at the line break that precedes the delimiter.
    /// </summary>
    private Termination ScanBody(bool atLineStart)
    {
        if (_boundaries.Count == 0)
        {
            ConsumeToEnd();
            return Termination.EndOfInput;
        }

        var lookahead = _boundaries.Lookahead;
        if (atLineStart && TryMatchDelimiter(breakLength: 0, lookahead))
        {
            return new Termination(_pendingDelimiter.Level, _pendingDelimiter.IsClose);
        }

        while (true)
        {
            var window = _reader.Window;
            var index = window.IndexOf("\n--"u8);
            if (index < 0)
            {
                _reader.BytesExamined += window.Length;
                if (_reader.InputComplete)
                {
                    _reader.Advance(window.Length);
                    return Termination.EndOfInput;
                }

                // Keep the tail: "\r\n-" may be the start of a delimiter cut by the end of the buffer.
                _reader.Advance(Math.Max(0, window.Length - 3));
                _reader.ReadMore();
                continue;
            }

            _reader.BytesExamined += index + 3;
            var breakStart = index > 0 && window[index - 1] == (byte)'\r' ? index - 1 : index;
            _reader.Advance(breakStart);
            var breakLength = index - breakStart + 1;
            if (TryMatchDelimiter(breakLength, lookahead))
            {
                return new Termination(_pendingDelimiter.Level, _pendingDelimiter.IsClose);
            }

            _reader.Advance(breakLength);
        }
    }

    private bool TryMatchDelimiter(int breakLength, int lookahead)
    {
        _reader.Ensure(lookahead);
        var match = _boundaries.Match(_reader.Window[breakLength..], _reader.InputComplete);
        if (!match.Success)
        {
            return false;
        }

        _pendingBreakLength = breakLength;
        _pendingDelimiter = match;
        return true;
    }

    private void ConsumeToEnd()
    {
        do
        {
            _reader.BytesExamined += _reader.Available;
            _reader.Advance(_reader.Available);
        }
        while (_reader.ReadMore());
    }

    /// <summary>What ended an entity: the multipart level of a delimiter, or <see cref="EndOfInput"/>.</summary>
    private readonly record struct Termination(int Level, bool IsClose)
    {
        public static Termination EndOfInput => new(-1, false);
    }
}
