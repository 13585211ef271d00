using System.Text;
using static ServerlessMail.Mime.Tests.ParameterTestText;

namespace ServerlessMail.Mime.Tests;

public sealed class ContentTypeTests
{
    [Theory]
    [InlineData("text/plain", "text", "plain", "")]
    [InlineData(" text/plain; charset=\"utf-8\"", "text", "plain", "charset=utf-8")]
    [InlineData("TEXT/HTML; CHARSET=UTF-8", "text", "html", "charset=UTF-8")]
    [InlineData("text/plain;charset=us-ascii (Plain text)", "text", "plain", "charset=us-ascii")]
    [InlineData("(c1) text (c2) / (c3) plain ; (c4) charset (c5) = (c6) utf-8 (c7)", "text", "plain", "charset=utf-8")]
    [InlineData("text/plain; (a (nested) comment) charset=utf-8", "text", "plain", "charset=utf-8")]
    [InlineData("text / plain", "text", "plain", "")]
    [InlineData("message/rfc822", "message", "rfc822", "")]
    [InlineData("Application/Vnd.MS-Excel", "application", "vnd.ms-excel", "")]
    [InlineData("multipart/mixed;\r\n boundary=\"----=_Part_1_2.3\"", "multipart", "mixed", "boundary=----=_Part_1_2.3")]
    [InlineData("multipart/mixed;\r\n\tboundary=----=_NextPart_000", "multipart", "mixed", "boundary=----=_NextPart_000")]
    [InlineData("multipart/mixed; boundary=\"  spaced  boundary \"", "multipart", "mixed", "boundary=  spaced  boundary ")]
    [InlineData("multipart/mixed; boundary=abc   ", "multipart", "mixed", "boundary=abc")]
    [InlineData("multipart/mixed; boundary=abc\r\n ", "multipart", "mixed", "boundary=abc")]
    [InlineData("multipart/mixed; boundary=abc def", "multipart", "mixed", "boundary=abc def")]
    [InlineData("multipart/related; type=\"text/html\"; start=\"<a@b>\"", "multipart", "related", "type=text/html|start=<a@b>")]
    [InlineData("application/octet-stream; name=my file.pdf; x=y", "application", "octet-stream", "name=my file.pdf|x=y")]
    [InlineData("application/octet-stream; name=my\r\n file.pdf", "application", "octet-stream", "name=my file.pdf")]
    [InlineData("application/pdf; name=file(1).pdf", "application", "pdf", "name=file(1).pdf")]
    [InlineData("application/pdf; name=file (1).pdf", "application", "pdf", "name=file (1).pdf")]
    [InlineData("application/pdf; name=file(1.pdf; x=y", "application", "pdf", "name=file(1.pdf|x=y")]
    [InlineData("text/plain charset=utf-8 format=flowed", "text", "plain", "charset=utf-8|format=flowed")]
    [InlineData("text/plain; charset=\"utf-8\" format=flowed", "text", "plain", "charset=utf-8|format=flowed")]
    [InlineData("text/plain; charset=utf-8;", "text", "plain", "charset=utf-8")]
    [InlineData("text/plain;; charset=utf-8 ;; ; format=flowed;", "text", "plain", "charset=utf-8|format=flowed")]
    [InlineData("text/plain, charset=utf-8", "text", "plain", "charset=utf-8")]
    [InlineData("text/plain; format; charset=utf-8", "text", "plain", "charset=utf-8")]
    [InlineData("text/plain; name=\"x\"junk; charset=utf-8", "text", "plain", "name=x|charset=utf-8")]
    [InlineData("text/plain; name=\"unterminated; charset=utf-8", "text", "plain", "name=unterminated; charset=utf-8")]
    [InlineData("text/plain; NaMe = \"value\"", "text", "plain", "name=value")]
    [InlineData("text/plain; name=\"a \\\"quoted\\\" word\"", "text", "plain", "name=a \"quoted\" word")]
    [InlineData("text/plain; name=\"folded\r\n value\"", "text", "plain", "name=folded value")]
    [InlineData("text/plain; name=\"semi;colon\"", "text", "plain", "name=semi;colon")]
    [InlineData("text/plain; charset=\"\"", "text", "plain", "charset=")]
    [InlineData("text/plain; charset=", "text", "plain", "charset=")]
    [InlineData("text/plain; charset=; format=flowed", "text", "plain", "charset=|format=flowed")]
    [InlineData("text/plain; charset=a; format=flowed; charset=b", "text", "plain", "charset=a|format=flowed|charset=b")]
    [InlineData("text/plain; name=\"日本語.txt\"", "text", "plain", "name=日本語.txt")]
    [InlineData("text/plain; name=日本語 資料.txt", "text", "plain", "name=日本語 資料.txt")]
    [InlineData("image/png; name=\"=?UTF-8?B?5pel5pys6Kqe?=.png\"", "image", "png", "name=日本語.png")]
    [InlineData("image/png; name==?UTF-8?B?5pel5pys6Kqe?=", "image", "png", "name=日本語")]
    [InlineData("application/pdf; name=\"=?iso-8859-1?Q?caf=E9?= menu.pdf\"", "application", "pdf", "name=café menu.pdf")]
    public void Parse_ReadsTypeSubtypeAndParameters(string raw, string type, string subtype, string parameters)
    {
        var contentType = ContentType.Parse(Utf8(raw));

        Assert.True(contentType.IsValid);
        Assert.Equal(type, contentType.MediaType);
        Assert.Equal(subtype, contentType.MediaSubtype);
        Assert.Equal(parameters, Render(contentType.Parameters));
    }

    [Theory]
    [InlineData("", "text/plain", "charset=us-ascii")]
    [InlineData("   \r\n ", "text/plain", "charset=us-ascii")]
    [InlineData("(only a comment)", "text/plain", "charset=us-ascii")]
    [InlineData(";;;", "text/plain", "charset=us-ascii")]
    [InlineData("garbage here", "text/plain", "charset=us-ascii")]
    [InlineData("image", "text/plain", "charset=us-ascii")]
    [InlineData("image/; name=x.png", "text/plain", "name=x.png")]
    [InlineData("/plain", "text/plain", "charset=us-ascii")]
    [InlineData("\"text/plain\"", "text/plain", "charset=us-ascii")]
    [InlineData("((((((", "text/plain", "charset=us-ascii")]
    [InlineData("text", "text/plain", "")]
    [InlineData("TEXT; charset=utf-8", "text/plain", "charset=utf-8")]
    [InlineData("text/; charset=utf-8", "text/plain", "charset=utf-8")]
    [InlineData("multipart; boundary=xyz", "multipart/mixed", "boundary=xyz")]
    [InlineData("charset=utf-8", "text/plain", "charset=utf-8")]
    [InlineData("texthtml charset=iso-8859-1", "text/plain", "charset=iso-8859-1")]
    [InlineData("text\\plain; charset=utf-8", "text/plain", "charset=utf-8")]
    public void Parse_InvalidTypeIsRepairedOrDefaulted(string raw, string mimeType, string parameters)
    {
        var contentType = ContentType.Parse(Utf8(raw));

        Assert.False(contentType.IsValid);
        Assert.Equal(mimeType, contentType.MimeType);
        Assert.Equal(parameters, Render(contentType.Parameters));
    }

    [Fact]
    public void Parse_NonAsciiTypeIsInvalid()
    {
        var contentType = ContentType.Parse([0xC3, 0xA9, (byte)'/', (byte)'x', 0x00, 0xFF]);

        Assert.False(contentType.IsValid);
        Assert.Equal("text/plain", contentType.MimeType);
        Assert.Equal("us-ascii", contentType.Charset);
    }

    [Fact]
    public void Parse_RawNonUtf8OctetsFallBackToWindows1252()
    {
        // windows-1252 octets in a quoted value, as old mailers send them (0x80 is the euro sign there).
        byte[] raw = [.. "text/plain; name=\"Gr"u8, 0xFC, 0xDF, (byte)'e', 0x80, .. ".txt\""u8];

        Assert.Equal("Grüße€.txt", ContentType.Parse(raw).Name);
    }

    [Fact]
    public void Parse_RawUtf8AndEncodedWordsMix()
    {
        var contentType = ContentType.Parse(Utf8("application/pdf; name=\"日本 =?UTF-8?B?6Kqe?= =?UTF-8?B?LnBkZg==?=\""));

        Assert.Equal("日本 語.pdf", contentType.Name);
    }

    [Fact]
    public void Default_IsValid()
    {
        Assert.True(ContentType.Default.IsValid);
        Assert.True(new ContentType("text", "html").IsValid);
    }

    [Fact]
    public void Parse_InternsCommonTypeSubtypeAndNames()
    {
        var first = ContentType.Parse("TEXT/PLAIN; CHARSET=utf-8"u8);
        var second = ContentType.Parse("text/plain; charset=utf-8"u8);

        Assert.Same(first.MediaType, second.MediaType);
        Assert.Same(first.MediaSubtype, second.MediaSubtype);
        Assert.Same(first.Parameters[0].Name, second.Parameters[0].Name);
        Assert.Same(first.Parameters[0].Value, second.Parameters[0].Value);
        Assert.Same(ParameterList.Empty, ContentType.Parse("text/plain"u8).Parameters);
    }

    [Fact]
    public void Parse_DuplicateParameterFirstWinsForLookup()
    {
        var contentType = ContentType.Parse("text/plain; CHARSET=iso-8859-1; charset=utf-8"u8);

        Assert.Equal("iso-8859-1", contentType.Charset);
        Assert.Equal(2, contentType.Parameters.Count);
    }

    [Theory]
    [InlineData("multipart/mixed; boundary=\"=?utf-8?q?not_decoded?=\"", "=?utf-8?q?not_decoded?=")]
    [InlineData("multipart/mixed; boundary=\"a\\\\b\"", "a\\b")]
    [InlineData("multipart/mixed; boundary=\" lead and trail \"", " lead and trail ")]
    [InlineData("multipart/mixed; boundary=simple\t(comment)", "simple")]
    public void Parse_BoundaryIsNotDecoded(string raw, string boundary)
    {
        Assert.Equal(boundary, ContentType.Parse(Utf8(raw)).Boundary);
    }

    [Fact]
    public void Parse_BoundaryIsOctetExact()
    {
        // A boundary is compared with delimiter lines octet by octet: each char must be exactly one source octet.
        byte[] octets = [0xE2, 0x82, 0xAC, (byte)'=', (byte)'_', 0xFF, 0x80];
        var raw = Encoding.ASCII.GetBytes("multipart/mixed; boundary=\"").Concat(octets).Append((byte)'"').ToArray();

        var boundary = ContentType.Parse(raw).Boundary;

        Assert.NotNull(boundary);
        Assert.Equal(octets, Encoding.Latin1.GetBytes(boundary));
    }

    [Fact]
    public void Parse_EveryPrefixParsesWithoutThrowing()
    {
        var raw = Utf8("multipart/mixed (c); boundary=\"b\\\"q\"; name*0*=utf-8''%E2%82; name*1*=%AC;\r\n name=\"=?UTF-8?B?4oKs?=\" (x(y)z); a=b c");
        for (var length = 0; length <= raw.Length; length++)
        {
            var contentType = ContentType.Parse(raw.AsSpan(0, length));
            Assert.NotNull(contentType.MediaType);
        }
    }

    [Fact]
    public void Parse_RandomOctetsNeverThrow()
    {
        var random = new Random(2231);
        var alphabet = Utf8("text/plain;=\"\\()*'% \t\r\nab0129=?Q?B");
        for (var round = 0; round < 2000; round++)
        {
            var raw = new byte[random.Next(0, 80)];
            for (var i = 0; i < raw.Length; i++)
            {
                raw[i] = random.Next(4) == 0 ? (byte)random.Next(256) : alphabet[random.Next(alphabet.Length)];
            }

            var contentType = ContentType.Parse(raw);
            Assert.NotEmpty(contentType.MediaType);
            Assert.All(contentType.Parameters, p => Assert.NotNull(p.Value));
        }
    }

    [Fact]
    public void Parse_HostileFieldsStayFast()
    {
        var parens = Enumerable.Repeat((byte)'(', 200_000).ToArray();
        var words = Utf8("text/plain; name=" + string.Concat(Enumerable.Repeat("w (", 50_000)));
        var parameters = Utf8("text/plain" + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"; p{i}*=%41")));
        var sections = Utf8("text/plain" + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"; p*{20_000 - i}=a")));

        var started = Environment.TickCount64;
        Assert.False(ContentType.Parse(parens).IsValid);
        Assert.StartsWith("w (w (", ContentType.Parse(words).Name, StringComparison.Ordinal);
        Assert.Equal(ParameterParser.MaxParameters, ContentType.Parse(parameters).Parameters.Count);
        Assert.Equal(new string('a', ParameterParser.MaxParameters), ContentType.Parse(sections).Parameters["p"]);
        Assert.InRange(Environment.TickCount64 - started, 0, 5_000);
    }
}
