using System.Text;
using ServerlessMail.Imap.Rendering;

namespace ServerlessMail.Imap.Tests.Rendering;

public sealed class HeaderFieldFilterTests
{
    private const string Block =
        "Received: from a\r\n\tby b\r\n" +
        "From: Ana <ana@example.org>\r\n" +
        "subject: Folded\r\n  twice\r\n" +
        "X-Odd line without colon\r\n" +
        "To : Ben <ben@example.net>\r\n" +
        "Received: from c\r\n" +
        "\r\n" +
        "Body: not a header\r\n";

    [Theory]
    [InlineData(new[] { "FROM", "Subject" }, false, "From: Ana <ana@example.org>\r\nsubject: Folded\r\n  twice\r\n\r\n")]
    [InlineData(new[] { "received" }, false, "Received: from a\r\n\tby b\r\nReceived: from c\r\n\r\n")]
    [InlineData(new[] { "To" }, false, "To : Ben <ben@example.net>\r\n\r\n")]
    [InlineData(new[] { "Body", "X-Missing" }, false, "\r\n")]
    [InlineData(new[] { "Received", "Subject" }, true, "From: Ana <ana@example.org>\r\nX-Odd line without colon\r\nTo : Ben <ben@example.net>\r\n\r\n")]
    [InlineData(new string[0], true, "Received: from a\r\n\tby b\r\nFrom: Ana <ana@example.org>\r\nsubject: Folded\r\n  twice\r\nX-Odd line without colon\r\nTo : Ben <ben@example.net>\r\nReceived: from c\r\n\r\n")]
    public void Apply_KeepsOrDropsWholeFields_AndEndsWithTheBlankLine(string[] fields, bool not, string expected) =>
        Assert.Equal(expected, Encoding.ASCII.GetString(HeaderFieldFilter.Apply(Encoding.ASCII.GetBytes(Block), fields, not)));

    [Fact]
    public void Apply_ReadsBareLfLines_AndWritesCrlf() =>
        Assert.Equal(
            "From: a\r\n b\r\n\r\n",
            Encoding.ASCII.GetString(HeaderFieldFilter.Apply("To: x\nFrom: a\n b\n\nbody"u8, ["from"], not: false)));

    [Fact]
    public void Apply_HandlesAHeaderWithoutItsBlankLine() =>
        Assert.Equal("Subject: cut\r\n\r\n", Encoding.ASCII.GetString(HeaderFieldFilter.Apply("Subject: cut"u8, ["Subject"], not: false)));

    [Fact]
    public void Apply_NeverMatchesEightBitFieldNames() =>
        Assert.Equal("\r\n", Encoding.Latin1.GetString(HeaderFieldFilter.Apply("Subj\u00e9ct: x\r\n\r\n"u8, ["Subjéct"], not: false)));

    [Fact]
    public void Apply_OnAnEmptyBlock_IsTheBlankLine() =>
        Assert.Equal("\r\n", Encoding.ASCII.GetString(HeaderFieldFilter.Apply(default, ["From"], not: false)));
}
