using System.Text;
using System.Text.RegularExpressions;

namespace ServerlessMail.Mime.Tests.Composing;

public class ParameterWriterTests
{
    public static TheoryData<string, bool, string> FileNames => new()
    {
        { "report.pdf", false, "Content-Disposition: attachment; filename=\"report.pdf\"\r\n" },
        { "my report.pdf", false, "Content-Disposition: attachment; filename=\"my report.pdf\"\r\n" },
        { "say \"hi\".txt", false, "Content-Disposition: attachment; filename=\"say \\\"hi\\\".txt\"\r\n" },
        { "\u20ac.pdf", false, "Content-Disposition: attachment; filename*=utf-8''%E2%82%AC.pdf\r\n" },
        { "a b;c%d*e'f.txt", false, "Content-Disposition: attachment; filename=\"a b;c%d*e'f.txt\"\r\n" },
        { "\u00e9 b;c%d*e'f.txt", false, "Content-Disposition: attachment;\r\n filename*=utf-8''%C3%A9%20b%3Bc%25d%2Ae%27f.txt\r\n" },
        { "\u20ac.pdf", true, "Content-Disposition: attachment; filename=\"\u20ac.pdf\"\r\n" },
        { "=?utf-8?Q?x?=.txt", false, "Content-Disposition: attachment;\r\n filename*=utf-8''%3D%3Futf-8%3FQ%3Fx%3F%3D.txt\r\n" },
    };

    [Theory]
    [MemberData(nameof(FileNames))]
    public void WriteExtended_Table(string fileName, bool utf8, string expected) =>
        Assert.Equal(expected, Disposition(fileName, utf8));

    [Theory]
    [InlineData("x", 120)]
    [InlineData("\u00e9", 60)]
    [InlineData("\u65e5", 80)]
    [InlineData("\U0001F600", 40)]
    public void WriteExtended_LongName_UsesContinuationsThatKeepSequencesWhole(string unit, int count)
    {
        var fileName = string.Concat(Enumerable.Repeat(unit, count)) + ".txt";
        var field = Disposition(fileName, false);
        ComposedOutput.AssertHeaderLinesFit(field);
        var pieces = Regex.Matches(field, @"filename\*(\d+)\*=(?:utf-8'')?([^;\r\n]*)");
        Assert.True(pieces.Count > 1);
        Assert.Equal(Enumerable.Range(0, pieces.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), pieces.Select(m => m.Groups[1].Value));
        Assert.Contains("filename*0*=utf-8''", field, StringComparison.Ordinal);
        var strict = new UTF8Encoding(false, true);
        Assert.Equal(fileName, string.Concat(pieces.Select(m => strict.GetString(PercentDecode(m.Groups[2].Value)))));
    }

    public static TheoryData<string, bool, string> Names => new()
    {
        { "report.pdf", false, "Content-Type: application/pdf; name=\"report.pdf\"\r\n" },
        { "\u20ac.pdf", false, "Content-Type: application/pdf; name=\"=?utf-8?B?4oKsLnBkZg==?=\"\r\n" },
        { "\u20ac.pdf", true, "Content-Type: application/pdf; name=\"\u20ac.pdf\"\r\n" },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void WriteEncodedWords_Table(string fileName, bool utf8, string expected)
    {
        var folder = new HeaderFolder("Content-Type");
        folder.Append(" ", "application/pdf");
        ParameterWriter.WriteEncodedWords(folder, "name", fileName, utf8);
        Assert.Equal(expected, folder.Complete());
    }

    [Fact]
    public void WriteEncodedWords_LongName_FoldsInsideTheQuotes()
    {
        var fileName = string.Concat(Enumerable.Repeat("\u00dcberweisung ", 10)) + ".pdf";
        var folder = new HeaderFolder("Content-Type");
        folder.Append(" ", "application/pdf");
        ParameterWriter.WriteEncodedWords(folder, "name", fileName, false);
        var field = folder.Complete();
        ComposedOutput.AssertHeaderLinesFit(field);
        var value = Regex.Match(ComposedOutput.Unfold(field), "name=\"([^\"]*)\"").Groups[1].Value;
        Assert.Equal(fileName, ComposedOutput.DecodeWords(value));
    }

    [Theory]
    [InlineData("utf-8", "charset=utf-8")]
    [InlineData("=_abc", "boundary=\"=_abc\"")]
    [InlineData("text/html", "type=\"text/html\"")]
    [InlineData("a b", "x=\"a b\"")]
    public void Write_QuotesWhenNotAToken(string value, string expected)
    {
        var folder = new HeaderFolder("Content-Type");
        folder.Append(" ", "text/plain");
        var attribute = expected[..expected.IndexOf('=', StringComparison.Ordinal)];
        ParameterWriter.Write(folder, attribute, value);
        Assert.Equal("Content-Type: text/plain; " + expected + "\r\n", folder.Complete());
    }

    private static string Disposition(string fileName, bool utf8)
    {
        var folder = new HeaderFolder("Content-Disposition");
        folder.Append(" ", "attachment");
        ParameterWriter.WriteExtended(folder, "filename", fileName, utf8);
        return folder.Complete();
    }

    private static byte[] PercentDecode(string text)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%')
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add((byte)text[i]);
            }
        }

        return [.. bytes];
    }
}
