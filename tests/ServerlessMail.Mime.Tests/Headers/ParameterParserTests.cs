using static ServerlessMail.Mime.Tests.ParameterTestText;

namespace ServerlessMail.Mime.Tests;

/// <summary>RFC 2231 reassembly and decoding, as seen through Content-Type.</summary>
public sealed class ParameterParserTests
{
    [Theory]
    // RFC 2231 §3, the continuation example.
    [InlineData(
        "message/external-body; access-type=URL;\r\n URL*0=\"ftp://\";\r\n URL*1=\"cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar\"",
        "access-type=URL|url=ftp://cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar")]
    // RFC 2231 §4, the charset and language example.
    [InlineData(
        "application/x-stuff;\r\n title*=us-ascii'en-us'This%20is%20%2A%2A%2Afun%2A%2A%2A",
        "title=This is ***fun***")]
    // RFC 2231 §4.1, combined; written, as in the RFC, without the ';' separators.
    [InlineData(
        "application/x-stuff\r\n title*0*=us-ascii'en'This%20is%20even%20more%20\r\n title*1*=%2A%2A%2Afun%2A%2A%2A%20\r\n title*2=\"isn't it!\"",
        "title=This is even more ***fun*** isn't it!")]
    public void Parse_RfcExamples(string raw, string parameters)
    {
        Assert.Equal(parameters, Render(ContentType.Parse(Utf8(raw)).Parameters));
    }

    [Theory]
    [InlineData("name*=utf-8'en'%E2%82%AC", "name=€")]
    [InlineData("NAME*=UTF-8''%e2%82%ac%20rates.txt", "name=€ rates.txt")]
    [InlineData("name*=\"utf-8''a%20b\"", "name=a b")]
    [InlineData("name*=utf-8''a%20b (comment)", "name=a b")]
    [InlineData("title*=iso-8859-1'de'Gr%FC%DFe", "title=Grüße")]
    [InlineData("name*0*=utf-8''%E2%82; name*1*=%AC.txt", "name=€.txt")]
    [InlineData("name*0*=utf-8''%E2%82%AC; name*1=\" and \"; name*2*=%E2%82%AC", "name=€ and €")]
    [InlineData("name*1=\"b\"; name*0=\"a\"; name*2=\"c\"", "name=abc")]
    [InlineData("name*2=\"c\"; name*1*=%62; name*0*=utf-8''a", "name=abc")]
    [InlineData("name*0=\"a\"; name*2=\"c\"", "name=ac")]
    [InlineData("name*1*=utf-8''%E2%82%AC; name*2=x", "name=€x")]
    [InlineData("name*0=\"a\"; name*0=\"x\"; name*1=\"b\"", "name=ab")]
    [InlineData("name*00=\"a\"; name*01=\"b\"", "name=ab")]
    [InlineData("Name*0*=UTF-8''%41; NAME*1=b", "name=Ab")]
    [InlineData("name*0=\"=?UTF-8?B?4oKs\"; name*1=\"LnR4dA==?=\"", "name=€.txt")]
    [InlineData("name*0=\"my \"; name*1=\"file.pdf\"", "name=my file.pdf")]
    [InlineData("a=1; name*0=x; b=2; name*1=y; c=3", "a=1|name=xy|b=2|c=3")]
    [InlineData("name*=x-unknown''caf%C3%A9", "name=café")]
    [InlineData("name*=x-unknown''caf%E9", "name=café")]
    [InlineData("name*=''caf%C3%A9", "name=café")]
    [InlineData("name*=hello%20world", "name=hello world")]
    [InlineData("name*=utf-8''100%25%zz%4", "name=100%%zz%4")]
    [InlineData("name*=utf-8''50%", "name=50%")]
    [InlineData("name*=utf-8''%", "name=%")]
    [InlineData("name*=", "name=")]
    [InlineData("name*x=1; name**=2", "name*x=1|name**=2")]
    [InlineData("name*1234567890=1", "name*1234567890=1")]
    [InlineData("filename=\"fallback.txt\"; filename*=utf-8''real.txt", "filename=real.txt|filename=fallback.txt")]
    [InlineData("filename*=utf-8''real.txt; filename=\"fallback.txt\"", "filename=real.txt|filename=fallback.txt")]
    [InlineData("a=1; name=p; b*=x; name*0=q; c=2", "a=1|name=q|name=p|b=x|c=2")]
    public void Parse_Rfc2231Parameters(string parameters, string expected)
    {
        var contentType = ContentType.Parse(Utf8("application/octet-stream; " + parameters));

        Assert.True(contentType.IsValid);
        Assert.Equal(expected, Render(contentType.Parameters));
    }

    [Fact]
    public void Parse_Rfc2231ValueWinsLookupOverPlainDuplicate()
    {
        var contentType = ContentType.Parse("application/pdf; name=\"?.pdf\"; name*=utf-8''%E2%82%AC.pdf"u8);

        Assert.Equal("€.pdf", contentType.Name);
    }
}
