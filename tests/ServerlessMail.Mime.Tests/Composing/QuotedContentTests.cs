namespace ServerlessMail.Mime.Tests.Composing;

public class QuotedContentTests
{
    [Theory]
    [InlineData("one", "> one\r\n")]
    [InlineData("one\ntwo\r\n", "> one\r\n> two\r\n")]
    [InlineData("one\r\n\r\nthree", "> one\r\n>\r\n> three\r\n")]
    [InlineData("> earlier\nnew", ">> earlier\r\n> new\r\n")]
    [InlineData("a\rb", "> a\r\n> b\r\n")]
    [InlineData("keeps\u2028separator", "> keeps\u2028separator\r\n")]
    public void QuoteText_Table(string text, string expected) => Assert.Equal(expected, QuotedContent.QuoteText(text));

    [Theory]
    [InlineData("a < b & c", "a &lt; b &amp; c")]
    [InlineData("line\nnext", "line<br>\r\nnext")]
    [InlineData("\"q\"", "&quot;q&quot;")]
    public void TextToHtml_Table(string text, string expected) => Assert.Equal(expected, QuotedContent.TextToHtml(text));

    [Theory]
    [InlineData("<p>x</p>", "<p>x</p>")]
    [InlineData("<html><head><title>t</title></head><body class=\"a\"><p>x</p></body></html>", "<p>x</p>")]
    [InlineData("<HTML><BODY>x</BODY></HTML>", "x")]
    [InlineData("<body>unterminated", "unterminated")]
    public void BodyContent_Table(string html, string expected) => Assert.Equal(expected, QuotedContent.BodyContent(html));

    [Theory]
    [InlineData("<p>x</p>", "<p>x</p>+")]
    [InlineData("<html><body>x</body></html>", "<html><body>x+</body></html>")]
    public void AppendToBody_Table(string html, string expected) => Assert.Equal(expected, QuotedContent.AppendToBody(html, "+"));

    [Fact]
    public void Attribution_WithAndWithoutDate()
    {
        var date = new DateTimeOffset(2024, 3, 5, 14, 7, 9, TimeSpan.FromHours(-5));
        Assert.Equal("On Tue, 5 Mar 2024 at 14:07, Alice <a@x> wrote:", QuotedContent.Attribution(date, "Alice <a@x>"));
        Assert.Equal("Alice wrote:", QuotedContent.Attribution(null, "Alice"));
    }
}
