using System.Globalization;
using ServerlessMail.Imap.Protocol;
using ServerlessMail.Imap.Tests.Protocol;

namespace ServerlessMail.Imap.Tests.Commands;

/// <summary>The section items of FETCH: BODY's sections and RFC 3516's BINARY, BINARY.PEEK and BINARY.SIZE.</summary>
public sealed class FetchParserTests
{
    [Theory]
    [InlineData("BODY[]", "Section BODY[] part= peek=False")]
    [InlineData("BODY.PEEK[1.2.MIME]<0.10>", "Section BODY[1.2.MIME]<0> part=1.2 peek=True 0+10")]
    [InlineData("BINARY[]", "Binary BINARY[] part= peek=False")]
    [InlineData("binary[2]", "Binary BINARY[2] part=2 peek=False")]
    [InlineData("BINARY.PEEK[1.2]", "Binary BINARY[1.2] part=1.2 peek=True")]
    [InlineData("BINARY.PEEK[3]<100.50>", "Binary BINARY[3]<100> part=3 peek=True 100+50")]
    [InlineData("BINARY[1]<0.1>", "Binary BINARY[1]<0> part=1 peek=False 0+1")]
    [InlineData("BINARY.SIZE[]", "BinarySize BINARY.SIZE[] part= peek=False")]
    [InlineData("binary.size[4.1]", "BinarySize BINARY.SIZE[4.1] part=4.1 peek=False")]
    public void ParsesSectionItems(string item, string expected)
    {
        Assert.True(FetchParser.TryParse(Tokens("1 (" + item + ")"), out var request));
        Assert.Equal(expected, Describe(Assert.Single(request!.Items)));
    }

    [Theory]
    [InlineData("BINARY[HEADER]")]
    [InlineData("BINARY[TEXT]")]
    [InlineData("BINARY[1.MIME]")]
    [InlineData("BINARY[1.HEADER]")]
    [InlineData("BINARY.PEEK[HEADER.FIELDS (SUBJECT)]")]
    [InlineData("BINARY[0]")]
    [InlineData("BINARY[1.]")]
    [InlineData("BINARY[x]")]
    [InlineData("BINARY[1]<5>")]
    [InlineData("BINARY[1]<0.0>")]
    [InlineData("BINARY[1]<1.2.3>")]
    [InlineData("BINARY.SIZE[1]<0.10>")]
    [InlineData("BINARY.SIZE.PEEK[1]")]
    [InlineData("BINARY")]
    [InlineData("BINARY.SIZE")]
    [InlineData("BINARY[1]x")]
    public void RefusesBadBinaryItems(string item) => Assert.False(FetchParser.TryParse(Tokens("1 (" + item + ")"), out _));

    private static List<ImapToken> Tokens(string arguments)
    {
        Assert.Null(CommandTokenizer.TryTokenize(Segments.Whole("t FETCH " + arguments + "\r\n"), 8, 100, out var command));
        return [.. command!.Arguments];
    }

    private static string Describe(FetchItem item)
    {
        var partial = item.PartialStart is { } start ? string.Create(CultureInfo.InvariantCulture, $" {start}+{item.PartialLength}") : string.Empty;
        return $"{item.Attribute} {item.Label} part={string.Join('.', item.Section!.Part)} peek={item.Peek}{partial}";
    }
}
