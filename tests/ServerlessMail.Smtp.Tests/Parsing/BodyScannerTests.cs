using System.Text;

namespace ServerlessMail.Smtp.Tests;

public sealed class BodyScannerTests
{
    public static TheoryData<string, string> DataBlocks() => new()
    {
        { "hello\r\n.\r\n", "hello\r\n" },
        { ".\r\n", "" },
        { "..dot\r\n.\r\n", ".dot\r\n" },
        { ".x\r\n.\r\n", "x\r\n" },
        { "a\r\n..\r\n.\r\n", "a\r\n.\r\n" },
        { "a\r\n\r\n.\r\n", "a\r\n\r\n" },
        { "a.\r\n.b\r\n.\r\n", "a.\r\nb\r\n" },
        { "x\r\n.\r\nNOOP\r\n", "x\r\n" },
    };

    [Theory]
    [MemberData(nameof(DataBlocks))]
    public void DataBlock_IsUnstuffedAndEndsAtTheMarker(string input, string content)
    {
        var (output, consumed, scanner) = Scan(input, dotStuffed: true, splitAt: null);
        Assert.True(scanner.Ended);
        Assert.Equal(BodyRejection.None, scanner.Rejection);
        Assert.Equal(content, output);
        Assert.Equal(input.IndexOf("\r\n.\r\n", StringComparison.Ordinal) is var i && i >= 0 && !input.StartsWith(".\r\n", StringComparison.Ordinal) ? i + 5 : 3, consumed);
    }

    [Theory]
    [MemberData(nameof(DataBlocks))]
    public void DataBlock_SplitAtEveryByte_GivesTheSameContent(string input, string content)
    {
        for (var split = 0; split <= input.Length; split++)
        {
            var (output, _, scanner) = Scan(input, dotStuffed: true, splitAt: split);
            Assert.True(scanner.Ended, $"split at {split}");
            Assert.Equal(content, output);
        }
    }

    [Theory]
    [InlineData("a\n.\nMAIL FROM:<x@evil.test>\r\n")]
    [InlineData("a\r\n.\nMAIL FROM:<x@evil.test>\r\n")]
    [InlineData("a\n.\r\nMAIL FROM:<x@evil.test>\r\n")]
    [InlineData("a\r.\rMAIL FROM:<x@evil.test>\r\n")]
    [InlineData("a\r\n.\rMAIL FROM:<x@evil.test>\r\n")]
    public void LoneLineEndMarkers_NeverEndData_AndAreRefused(string input)
    {
        for (var split = 0; split <= input.Length; split++)
        {
            var (_, consumed, scanner) = Scan(input, dotStuffed: true, splitAt: split);
            Assert.False(scanner.Ended);
            Assert.Equal(input.Length, consumed);
            Assert.Equal(BodyRejection.BareLineEnding, scanner.Rejection);
        }
    }

    [Fact]
    public void AfterARejection_TheTrueEndIsStillFound()
    {
        var (output, consumed, scanner) = Scan("bad\nline\r\n.\r\nQUIT\r\n", dotStuffed: true, splitAt: 4);
        Assert.True(scanner.Ended);
        Assert.Equal(BodyRejection.BareLineEnding, scanner.Rejection);
        Assert.Equal("bad\nline\r\n.\r\n".Length, consumed);
        Assert.Equal("bad", output);
    }

    [Theory]
    [InlineData(998, "None")]
    [InlineData(999, "LineTooLong")]
    public void TextLines_AreLimitedTo1000OctetsWithTheirCrlf(int length, string expected)
    {
        var (_, _, scanner) = Scan(new string('x', length) + "\r\n.\r\n", dotStuffed: true, splitAt: 500);
        Assert.Equal(Enum.Parse<BodyRejection>(expected), scanner.Rejection);
    }

    [Fact]
    public void AStuffedDot_DoesNotCountTowardsTheLine()
    {
        var (_, _, scanner) = Scan("." + new string('.', 998) + "\r\n.\r\n", dotStuffed: true, splitAt: null);
        Assert.Equal(BodyRejection.None, scanner.Rejection);
    }

    [Fact]
    public void Size_IsCountedOnContent()
    {
        var scanner = new BodyScanner(dotStuffed: true, 1000, maxSize: 10);
        var output = new byte[64];
        scanner.Scan("0123456789\r\n.\r\n"u8, output, out _, out _);
        Assert.Equal(BodyRejection.TooLarge, scanner.Rejection);
        Assert.True(scanner.Ended);
        Assert.Equal(12, scanner.Size);
    }

    [Fact]
    public void Bdat_KeepsDotsAndFindsNoMarker()
    {
        var (output, consumed, scanner) = Scan("a\r\n.\r\n..b\r\n", dotStuffed: false, splitAt: 3);
        Assert.False(scanner.Ended);
        Assert.Equal(11, consumed);
        Assert.Equal("a\r\n.\r\n..b\r\n", output);
    }

    [Fact]
    public void Bdat_ACrAtTheVeryEnd_IsABareCr()
    {
        var (_, _, scanner) = Scan("abc\r", dotStuffed: false, splitAt: null);
        Assert.Equal(BodyRejection.None, scanner.Rejection);
        scanner.Finish();
        Assert.Equal(BodyRejection.BareLineEnding, scanner.Rejection);
    }

    private static (string Output, int Consumed, BodyScanner Scanner) Scan(string input, bool dotStuffed, int? splitAt)
    {
        var scanner = new BodyScanner(dotStuffed, 1000, 1_000_000);
        var bytes = Encoding.UTF8.GetBytes(input);
        var parts = splitAt is { } s ? new[] { bytes[..s], bytes[s..] } : [bytes];
        var output = new List<byte>();
        var consumed = 0;
        foreach (var part in parts)
        {
            if (scanner.Ended)
            {
                break;
            }

            var buffer = new byte[part.Length + 1];
            scanner.Scan(part, buffer, out var used, out var written);
            output.AddRange(buffer.AsSpan(0, written).ToArray());
            consumed += used;
        }

        return (Encoding.UTF8.GetString(output.ToArray()), consumed, scanner);
    }
}
