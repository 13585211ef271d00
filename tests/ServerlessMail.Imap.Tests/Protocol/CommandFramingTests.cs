using System.Text;
using ServerlessMail.Imap.Protocol;

namespace ServerlessMail.Imap.Tests.Protocol;

public sealed class CommandFramingTests
{
    private static readonly FrameLimits Limits = new(MaxLine: 100, MaxLiteral: 50, MaxTotal: 80);

    [Theory]
    [InlineData("a NOOP\r\n", 8, 0)]
    [InlineData("a NOOP\r\nb NOOP\r\n", 8, 0)]
    [InlineData("a LOGIN {5}\r\nalice {3}\r\nabc\r\n", 29, 2)]
    [InlineData("a LOGIN {5+}\r\nalice \"x\"\r\n", 25, 1)]
    [InlineData("a APPEND INBOX {0}\r\n\r\n", 22, 1)]
    [InlineData("a LOGIN {2}\r\n\r\n {1}\r\n}\r\nrest", 24, 2)]
    [InlineData("a X {3}\r\n{3}\r\n", 14, 1)]
    [InlineData("a APPEND INBOX ~{3}\r\na\0b\r\n", 26, 1)]
    [InlineData("a APPEND INBOX ~{3+}\r\nabc\r\n", 27, 1)]
    public void FramesACompleteCommand(string input, int length, int literals)
    {
        var result = CommandFraming.TryFrame(Segments.Whole(input), Limits, continuationsSent: literals);
        Assert.Equal(new FrameResult(FrameStatus.Complete, length, literals), result);
        var segmented = CommandFraming.TryFrame(Segments.OneBytePerSegment(Encoding.UTF8.GetBytes(input)), Limits, literals);
        Assert.Equal(result, segmented);
    }

    [Theory]
    [InlineData("a NOOP\r\n")]
    [InlineData("a LOGIN {5}\r\nalice {3}\r\nabc\r\n")]
    [InlineData("a LOGIN {5+}\r\nalice {3+}\r\nabc\r\n")]
    [InlineData("a SEARCH CHARSET UTF-8 SUBJECT {9+}\r\nEntwürfe\r\n")]
    [InlineData("a APPEND INBOX (\\Seen) {12}\r\nSubject: x\r\n\r\n")]
    [InlineData("a APPEND INBOX ~{4}\r\n\0\r\n\0\r\n")]
    public void EveryPrefix_NeedsMore_AndConsumesNothing(string input)
    {
        var bytes = Encoding.UTF8.GetBytes(input);
        for (var cut = 0; cut < bytes.Length; cut++)
        {
            foreach (var sent in new[] { 0, 2 })
            {
                var result = CommandFraming.TryFrame(Segments.OneBytePerSegment(bytes[..cut]), Limits, sent);
                Assert.True(result.Status is FrameStatus.NeedMore or FrameStatus.NeedContinuation, $"prefix {cut}: {result}");
                Assert.Equal(0, result.Length);
            }
        }

        Assert.Equal(FrameStatus.Complete, CommandFraming.TryFrame(Segments.Whole(input), Limits, 2).Status);
    }

    [Theory]
    [InlineData("a LOGIN {5}\r\n", 0, "NeedContinuation", 0)]
    [InlineData("a LOGIN {5}\r\n", 1, "NeedMore", 0)]
    [InlineData("a LOGIN {5}\r\nalice {3}\r\n", 1, "NeedContinuation", 1)]
    [InlineData("a LOGIN {5+}\r\n", 0, "NeedMore", 0)]
    [InlineData("a APPEND INBOX ~{5}\r\n", 0, "NeedContinuation", 0)]
    [InlineData("a LOGIN {5}\r\nali", 1, "NeedMore", 0)]
    public void SynchronizingLiterals_WaitForTheContinuation(string input, int continuationsSent, string status, int literals)
    {
        Assert.Equal(new FrameResult(Enum.Parse<FrameStatus>(status), 0, literals), CommandFraming.TryFrame(Segments.Whole(input), Limits, continuationsSent));
    }

    [Theory]
    [InlineData("a NOOP\n", "BareLineEnding", 7, 0)]
    [InlineData("a NO\rOP\r\n", "BareLineEnding", 9, 0)]
    [InlineData("\n", "BareLineEnding", 1, 0)]
    [InlineData("a LOGIN {51}\r\n", "LiteralTooBig", 14, 0)]
    [InlineData("a LOGIN {51+}\r\n", "NonSyncLiteralTooBig", 15, 0)]
    [InlineData("a APPEND INBOX ~{51}\r\n", "LiteralTooBig", 22, 0)]
    [InlineData("a APPEND INBOX ~{51+}\r\n", "NonSyncLiteralTooBig", 23, 0)]
    [InlineData("a LOGIN {9999999999999999999}\r\n", "LiteralTooBig", 31, 0)]
    [InlineData("a LOGIN {99999999999999999999+}\r\n", "NonSyncLiteralTooBig", 33, 0)]
    [InlineData("a X {50+}\r\n01234567890123456789012345678901234567890123456789 {31+}\r\n", "NonSyncLiteralTooBig", 69, 1)]
    public void RefusesWhatIsOverTheLimitsOrMalformed(string input, string status, int length, int literals)
    {
        Assert.Equal(new FrameResult(Enum.Parse<FrameStatus>(status), length, literals), CommandFraming.TryFrame(Segments.Whole(input), Limits, 0));
    }

    [Fact]
    public void ALongLine_IsTooLong_WithOrWithoutItsEnd()
    {
        var line = "a NOOP " + new string('x', 100) + "\r\n";
        Assert.Equal(new FrameResult(FrameStatus.LineTooLong, line.Length, 0), CommandFraming.TryFrame(Segments.Whole(line), Limits, 0));
        Assert.Equal(new FrameResult(FrameStatus.LineTooLong, 0, 0), CommandFraming.TryFrame(Segments.Whole(line[..101]), Limits, 0));
        Assert.Equal(FrameStatus.NeedMore, CommandFraming.TryFrame(Segments.Whole(line[..100]), Limits, 0).Status);
    }

    [Theory]
    [InlineData("{5}", true, 5, true)]
    [InlineData("x {0+}", true, 0, false)]
    [InlineData("{}", false, 0, true)]
    [InlineData("{+}", false, 0, true)]
    [InlineData("{5 }", false, 0, true)]
    [InlineData("{-5}", false, 0, true)]
    [InlineData("{5}x", false, 0, true)]
    [InlineData("5}", false, 0, true)]
    [InlineData("{12345678901234567890}", true, long.MaxValue, true)]
    [InlineData("{9223372036854775808+}", true, long.MaxValue, false)]
    public void LiteralMarkers(string line, bool found, long size, bool synchronizing)
    {
        Assert.Equal(found, CommandFraming.TryLiteralMarker(Segments.Whole(line), out var parsedSize, out var sync));
        if (found)
        {
            Assert.Equal((size, synchronizing), (parsedSize, sync));
        }
    }
}
