using System.Buffers;

namespace ServerlessMail.Mime;

/// <summary>
/// Parses RFC 5322 / MIME messages into an entity tree with byte offsets. Parsing is lenient and bounded: malformed
/// mail always parses (what was tolerated is recorded in <see cref="MimeEntity.Defects"/>); only I/O errors throw.
/// Memory is bounded by <see cref="MimeParserOptions"/>: bodies are scanned, never held.
/// </summary>
public static class MimeParser
{
    public static MimeMessage Parse(ReadOnlyMemory<byte> message, MimeParserOptions? options = null)
    {
        var root = Parse(new MimeReader(message), options, out _);
        return new MimeMessage(root, new MemoryMimeSource(message), message.Length);
    }

    /// <summary>
    /// Parses from a stream in bounded memory. When the stream can seek, the result reads content from it, so keep it
    /// open while you decode; offsets are relative to the stream's position when parsing began.
    /// </summary>
    public static MimeMessage Parse(Stream stream, MimeParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= MimeParserOptions.Default;
        var origin = stream.CanSeek ? stream.Position : 0;
        var buffer = ArrayPool<byte>.Shared.Rent(options.BufferSize);
        try
        {
            var reader = new MimeReader(stream, buffer);
            var root = Parse(reader, options, out _);
            var source = stream.CanSeek ? new StreamMimeSource(stream, origin) : null;
            return new MimeMessage(root, source, reader.Position);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    internal static MimeEntity Parse(MimeReader reader, MimeParserOptions? options, out MimeParseStatistics statistics)
    {
        options ??= MimeParserOptions.Default;
        options.Validate();
        var core = new MimeParserCore(reader, options);
        var root = core.ParseMessage();
        statistics = core.Statistics;
        return root;
    }
}

/// <summary>Work done by one parse, counted so robustness tests can bound it without timing anything.</summary>
internal readonly record struct MimeParseStatistics(long BytesExamined, long BoundaryComparisons, int Entities, long HeaderBytesKept);
