using System.Text;
using ServerlessMail.Imap.Rendering;

namespace ServerlessMail.Imap.Tests.Rendering;

public sealed class ImapSyntaxTests
{
    [Theory]
    [InlineData(null, "NIL")]
    [InlineData("", "\"\"")]
    [InlineData("NIL", "\"NIL\"")]
    [InlineData("hello world", "\"hello world\"")]
    [InlineData("say \"hi\" \\o/", "\"say \\\"hi\\\" \\\\o/\"")]
    [InlineData("tab\tinside", "\"tab\tinside\"")]
    [InlineData("two\r\nlines", "{10}\r\ntwo\r\nlines")]
    [InlineData("bare\nlf", "{7}\r\nbare\nlf")]
    [InlineData("nul\0", "{4}\r\nnul\0")]
    [InlineData("Renée", "{6}\r\nRenée")]
    public void WriteNString(string? value, string expected) =>
        Assert.Equal(expected, Render.ToText(o => ImapSyntax.WriteNString(o, value)));

    [Fact]
    public void WriteString_GoesLiteralAbove1024Bytes()
    {
        var atLimit = new string('a', ImapSyntax.MaxQuotedLength);
        Assert.Equal("\"" + atLimit + "\"", Render.ToText(o => ImapSyntax.WriteString(o, atLimit)));
        var over = atLimit + "b";
        Assert.Equal("{1025}\r\n" + over, Render.ToText(o => ImapSyntax.WriteString(o, over)));
    }

    [Fact]
    public void WriteString_CountsLiteralLengthInUtf8Octets()
    {
        var text = new string('€', 600);
        Assert.Equal("{1800}\r\n" + text, Render.ToText(o => ImapSyntax.WriteString(o, text)));
    }

    [Theory]
    [InlineData("INBOX", "INBOX")]
    [InlineData("Sent.2024", "Sent.2024")]
    [InlineData("with space", "\"with space\"")]
    [InlineData("", "\"\"")]
    [InlineData("a(b", "\"a(b\"")]
    [InlineData("a*", "\"a*\"")]
    [InlineData("a%", "\"a%\"")]
    [InlineData("a]", "\"a]\"")]
    [InlineData("a{", "\"a{\"")]
    [InlineData("a\"", "\"a\\\"\"")]
    [InlineData("Entwürfe", "{9}\r\nEntwürfe")]
    public void WriteAString_UsesAnAtomOnlyWhenValid(string value, string expected) =>
        Assert.Equal(expected, Render.ToText(o => ImapSyntax.WriteAString(o, value)));

    [Fact]
    public void WriteNStringBytes_QuotesSafeAsciiAndSendsEightBitAsLiteral()
    {
        Assert.Equal("\"plain\"", Render.ToText(o => ImapSyntax.WriteNStringBytes(o, "plain"u8)));
        Assert.Equal("\"\"", Render.ToText(o => ImapSyntax.WriteNStringBytes(o, default)));
        var latin1 = new byte[] { (byte)'c', 0xE9 };
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        ImapSyntax.WriteNStringBytes(output, latin1);
        Assert.Equal([.. "{2}\r\n"u8, (byte)'c', 0xE9], output.WrittenSpan.ToArray());
    }

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(42L, "42")]
    [InlineData(4294967295L, "4294967295")]
    [InlineData(long.MaxValue, "9223372036854775807")]
    public void WriteNumber(long value, string expected) =>
        Assert.Equal(expected, Render.ToText(o => ImapSyntax.WriteNumber(o, value)));

    [Fact]
    public void WriteAscii_WritesTheTextAsIs() =>
        Assert.Equal("(\\Seen \\Deleted)", Render.ToText(o => ImapSyntax.WriteAscii(o, "(\\Seen \\Deleted)")));

    [Fact]
    public void WriteRaw_CopiesLargeSpansWhole()
    {
        var big = Encoding.ASCII.GetBytes(new string('x', 100_000));
        Assert.Equal(100_000, Render.ToText(o => ImapSyntax.WriteRaw(o, big)).Length);
    }
}
