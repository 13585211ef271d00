using static ServerlessMail.Mime.Tests.ParameterTestText;

namespace ServerlessMail.Mime.Tests;

public sealed class ContentDispositionTests
{
    [Theory]
    [InlineData("attachment; filename=\"report.pdf\"", "attachment", "filename=report.pdf")]
    [InlineData(" INLINE", "inline", "")]
    [InlineData("Attachment;\r\n\tFileName=report.pdf;\r\n size=1234", "attachment", "filename=report.pdf|size=1234")]
    [InlineData("attachment filename=report.pdf", "attachment", "filename=report.pdf")]
    [InlineData("form-data; name=\"field\"; filename=\"a.txt\"", "form-data", "name=field|filename=a.txt")]
    [InlineData("x-custom (why not)", "x-custom", "")]
    [InlineData(
        "attachment; filename=a.txt; creation-date=\"Wed, 12 Feb 1997 16:29:51 -0500\"; read-date=\"Thu, 13 Feb 1997 10:00:00 -0500\"",
        "attachment",
        "filename=a.txt|creation-date=Wed, 12 Feb 1997 16:29:51 -0500|read-date=Thu, 13 Feb 1997 10:00:00 -0500")]
    public void Parse_ReadsDispositionAndParameters(string raw, string disposition, string parameters)
    {
        var contentDisposition = ContentDisposition.Parse(Utf8(raw));

        Assert.True(contentDisposition.IsValid);
        Assert.Equal(disposition, contentDisposition.Disposition);
        Assert.Equal(parameters, Render(contentDisposition.Parameters));
    }

    [Theory]
    [InlineData("attachment; filename=\"report.pdf\"", "report.pdf")]
    [InlineData("attachment;\r\n filename*=UTF-8''%E2%82%AC%20rates.txt", "€ rates.txt")]
    [InlineData("attachment; filename*0*=UTF-8''%E2%82%AC%20; filename*1=\"rates.txt\"", "€ rates.txt")]
    [InlineData("attachment; filename=\"=?UTF-8?B?4oKsIHJhdGVzLnR4dA==?=\"", "€ rates.txt")]
    [InlineData("attachment; filename=\"=?UTF-8?Q?=E2=82=AC?= =?UTF-8?Q?_rates.txt?=\"", "€ rates.txt")]
    [InlineData("attachment; filename=\"€ rates.txt\"", "€ rates.txt")]
    [InlineData("attachment; filename=€ rates.txt", "€ rates.txt")]
    [InlineData("attachment; filename=my report.pdf; size=1234", "my report.pdf")]
    [InlineData("attachment; filename=\"fallback.txt\"; filename*=utf-8''%E2%82%AC.txt", "€.txt")]
    [InlineData("attachment", null)]
    public void FileName_IsDecoded(string raw, string? fileName)
    {
        Assert.Equal(fileName, ContentDisposition.Parse(Utf8(raw)).FileName);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("  (comment) ", "")]
    [InlineData(";", "")]
    [InlineData("filename=x.pdf", "filename=x.pdf")]
    [InlineData("\"attachment\"; filename=x.pdf", "filename=x.pdf")]
    [InlineData("; filename=\"x.pdf\"", "filename=x.pdf")]
    [InlineData("@@@", "")]
    public void Parse_MissingDispositionIsAttachmentAndInvalid(string raw, string parameters)
    {
        var contentDisposition = ContentDisposition.Parse(Utf8(raw));

        Assert.False(contentDisposition.IsValid);
        Assert.Equal("attachment", contentDisposition.Disposition);
        Assert.True(contentDisposition.IsAttachment);
        Assert.Equal(parameters, Render(contentDisposition.Parameters));
    }

    [Fact]
    public void Parse_InternsCommonDispositions()
    {
        Assert.Same("attachment", ContentDisposition.Parse("ATTACHMENT"u8).Disposition);
        Assert.Same("inline", ContentDisposition.Parse("inline"u8).Disposition);
    }

    [Fact]
    public void Constructed_IsValid()
    {
        Assert.True(new ContentDisposition("Inline").IsValid);
    }
}
