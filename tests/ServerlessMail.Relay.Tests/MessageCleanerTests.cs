using System.Text;
using ServerlessMail.Core;

namespace ServerlessMail.Relay.Tests;

public sealed class MessageCleanerTests
{
    public static TheoryData<string, string> Cases() => new()
    {
        // Line ends: bare LF and bare CR become CRLF, in the header and in the body; CRLF stays.
        { "Subject: a\nTo: b@x\n\nline1\nline2\n", "Subject: a\r\nTo: b@x\r\n\r\nline1\r\nline2\r\n" },
        { "Subject: a\rTo: b@x\r\rbody\r", "Subject: a\r\nTo: b@x\r\n\r\nbody\r\n" },
        { "Subject: a\r\n\r\nx\r\ry\n\rz", "Subject: a\r\n\r\nx\r\n\r\ny\r\n\r\nz" },
        { "Subject: a\r\n\r\nok\r\n", "Subject: a\r\n\r\nok\r\n" },

        // Bcc and Resent-Bcc go, with their folded lines, in any case and with obsolete space before the colon.
        { "To: a@x\r\nBcc: hidden@y\r\nSubject: s\r\n\r\nb", "To: a@x\r\nSubject: s\r\n\r\nb" },
        { "BCC: h1@y,\r\n h2@y,\r\n\th3@y\r\nTo: a@x\r\n\r\nb", "To: a@x\r\n\r\nb" },
        { "bcc :hidden@y\nTo: a@x\n\nb", "To: a@x\r\n\r\nb" },
        { "Resent-Bcc: r@y\r\nResent-To: t@y\r\n\r\nb", "Resent-To: t@y\r\n\r\nb" },
        { "To: a@x\r\nBcc:\r\n\r\nb", "To: a@x\r\n\r\nb" },

        // Look-alikes stay: other fields starting with "bcc", a continuation of a kept field, Bcc in the body.
        { "Bcc-Note: kept\r\nX-Bcc: kept\r\n\r\nb", "Bcc-Note: kept\r\nX-Bcc: kept\r\n\r\nb" },
        { "To: a@x,\r\n bcc: not-a-field\r\n\r\nb", "To: a@x,\r\n bcc: not-a-field\r\n\r\nb" },
        { "To: a@x\r\n\r\nBcc: stays in the body\r\n", "To: a@x\r\n\r\nBcc: stays in the body\r\n" },
        { "A-Very-Long-Field-Name-Indeed: v\r\n\r\n", "A-Very-Long-Field-Name-Indeed: v\r\n\r\n" },
        { "From foo@bar Sat Nov 22\r\nTo: a@x\r\n\r\n", "From foo@bar Sat Nov 22\r\nTo: a@x\r\n\r\n" },
        { "Subject: no body", "Subject: no body" },
        { "Subj", "Subj" },
        { string.Empty, string.Empty },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Clean_NormalisesLineEndsAndStripsBcc(string input, string expected)
    {
        Assert.Equal(expected, Clean(input, chunk: int.MaxValue));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Clean_GivesTheSameBytesWhateverTheChunkBoundaries(string input, string expected)
    {
        // Every split of the input in two, then byte by byte: the state carries across chunks.
        for (var split = 0; split <= input.Length; split++)
        {
            Assert.Equal(expected, CleanSplit(input, split));
        }

        Assert.Equal(expected, Clean(input, chunk: 1));
    }

    [Fact]
    public void CleanedStream_StreamsA25MbMessageWithSmallBuffers()
    {
        // 25 MB of body with bare LFs, read through the stream in 8 KB reads: the output is correct and the cleaner
        // allocates its fixed buffers only, not the message.
        const int lines = 25 * 1024 * 1024 / 64;
        var line = Encoding.ASCII.GetBytes(new string('x', 63) + "\n");
        var header = "To: a@x\nBcc: secret@y\n\n"u8.ToArray();
        using var source = new RepeatingStream(header, line, lines);
        using var cleaned = new CleanedMessageStream(source);
        var buffer = new byte[8192];
        long total = 0;
        long lineFeeds = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        int read;
        while ((read = cleaned.Read(buffer)) > 0)
        {
            total += read;
            lineFeeds += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal("To: a@x\r\n\r\n".Length + ((long)lines * 65), total);
        Assert.Equal(2 + lines, lineFeeds);
        Assert.True(allocated < 1024 * 1024, $"cleaning 25 MB allocated {allocated} bytes");
    }

    private static string Clean(string input, int chunk)
    {
        using var source = new MemoryStream(Encoding.UTF8.GetBytes(input));
        using var cleaned = new CleanedMessageStream(new ChunkedStream(source, chunk));
        using var output = new MemoryStream();
        cleaned.CopyTo(output);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static string CleanSplit(string input, int split)
    {
        var bytes = Encoding.UTF8.GetBytes(input);
        var cleaner = new MessageCleaner();
        var output = new byte[MessageCleaner.MaxOutput(bytes.Length) * 2];
        var written = cleaner.Clean(bytes.AsSpan(0, split), output);
        written += cleaner.Clean(bytes.AsSpan(split), output.AsSpan(written));
        written += cleaner.Finish(output.AsSpan(written));
        return Encoding.UTF8.GetString(output, 0, written);
    }

    /// <summary>Hands out at most <c>chunk</c> bytes per read, to move the chunk boundaries.</summary>
    private sealed class ChunkedStream(Stream inner, int chunk) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, chunk));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A header then one line repeated: a large message produced on the fly, never held in memory.</summary>
    private sealed class RepeatingStream(byte[] header, byte[] line, int count) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => header.Length + ((long)line.Length * count);

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var written = 0;
            while (written < buffer.Length && _position < Length)
            {
                var (source, index) = _position < header.Length
                    ? (header, (int)_position)
                    : (line, (int)((_position - header.Length) % line.Length));
                var take = Math.Min(buffer.Length - written, source.Length - index);
                source.AsSpan(index, take).CopyTo(buffer[written..]);
                written += take;
                _position += take;
            }

            return written;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
