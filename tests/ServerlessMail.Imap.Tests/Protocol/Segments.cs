using System.Buffers;
using System.Text;
using ServerlessMail.Imap.Protocol;

namespace ServerlessMail.Imap.Tests.Protocol;

/// <summary>Byte sequences for the parser tests, whole or cut into one-byte segments (as a pipe may hand them over), and a command's tokens.</summary>
internal static class Segments
{
    public static ReadOnlySequence<byte> Whole(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>The argument tokens of "t <paramref name="command"/> <paramref name="arguments"/>", for a command's parser.</summary>
    public static List<ImapToken> Arguments(string command, string arguments)
    {
        var line = ("t " + command + " " + arguments).TrimEnd() + "\r\n";
        Assert.Null(CommandTokenizer.TryTokenize(Whole(line), 1000, 10_000, out var tokenized));
        return [.. tokenized!.Arguments];
    }

    public static ReadOnlySequence<byte> OneBytePerSegment(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Segment(bytes.AsMemory(0, 1), 0);
        var last = first;
        for (var i = 1; i < bytes.Length; i++)
        {
            last = last.Append(bytes.AsMemory(i, 1));
        }

        return new ReadOnlySequence<byte>(first, 0, last, 1);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
