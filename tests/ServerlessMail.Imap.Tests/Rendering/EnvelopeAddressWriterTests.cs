using System.Buffers;
using System.Text;
using ServerlessMail.Imap.Rendering;

namespace ServerlessMail.Imap.Tests.Rendering;

public sealed class EnvelopeAddressWriterTests
{
    [Theory]
    [InlineData("ana@example.org", "((NIL NIL \"ana\" \"example.org\"))")]
    [InlineData("Ana Ortega <ana@example.org>", "((\"Ana Ortega\" NIL \"ana\" \"example.org\"))")]
    [InlineData("\"Ortega, Ana\" <ana@example.org>", "((\"Ortega, Ana\" NIL \"ana\" \"example.org\"))")]
    [InlineData("\"say \\\"hi\\\"\" <a@b>", "((\"say \\\"hi\\\"\" NIL \"a\" \"b\"))")]
    [InlineData("=?utf-8?Q?Ren=C3=A9e?= <renee@example.org>", "((\"=?utf-8?Q?Ren=C3=A9e?=\" NIL \"renee\" \"example.org\"))")]
    [InlineData("ana@example.org (Ana  O.)", "((\"Ana  O.\" NIL \"ana\" \"example.org\"))")]
    [InlineData("Ana\r\n Ortega\r\n <ana@example.org>", "((\"Ana Ortega\" NIL \"ana\" \"example.org\"))")]
    [InlineData("<@a.example,@b.example:x@c.example>", "((NIL \"@a.example,@b.example\" \"x\" \"c.example\"))")]
    [InlineData("\"first last\"@example.com", "((NIL NIL \"first last\" \"example.com\"))")]
    [InlineData("john . doe @ example . com", "((NIL NIL \"john.doe\" \"example.com\"))")]
    [InlineData("admin@[192.0.2.1]", "((NIL NIL \"admin\" \"[192.0.2.1]\"))")]
    [InlineData("a@b, c@d", "((NIL NIL \"a\" \"b\")(NIL NIL \"c\" \"d\"))")]
    [InlineData("a@b; c@d", "((NIL NIL \"a\" \"b\")(NIL NIL \"c\" \"d\"))")]
    [InlineData("a@b,,, c@d,", "((NIL NIL \"a\" \"b\")(NIL NIL \"c\" \"d\"))")]
    [InlineData("undisclosed-recipients:;", "((NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL))")]
    [InlineData("Team: a@b, Bo <c@d>; e@f", "((NIL NIL \"Team\" NIL)(NIL NIL \"a\" \"b\")(\"Bo\" NIL \"c\" \"d\")(NIL NIL NIL NIL)(NIL NIL \"e\" \"f\"))")]
    [InlineData("Open group: a@b", "((NIL NIL \"Open group\" NIL)(NIL NIL \"a\" \"b\")(NIL NIL NIL NIL))")]
    [InlineData("justaname", "((NIL NIL \"justaname\" \"MISSING_DOMAIN\"))")]
    [InlineData("Saved by Blink", "((NIL NIL \"Saved by Blink\" \"MISSING_DOMAIN\"))")]
    [InlineData("<>", "((NIL NIL \"MISSING_MAILBOX\" \"MISSING_DOMAIN\"))")]
    [InlineData("Name <a@b", "((\"Name\" NIL \"a\" \"b\"))")]
    [InlineData("\"unclosed <a@b>", "((NIL NIL \"unclosed <a@b>\" \"MISSING_DOMAIN\"))")]
    [InlineData("", "NIL")]
    [InlineData("  ", "NIL")]
    [InlineData("(only a comment)", "NIL")]
    [InlineData(", ;", "NIL")]
    public void WriteList(string field, string expected)
    {
        var output = new ArrayBufferWriter<byte>();
        EnvelopeAddressWriter.WriteList(output, Encoding.UTF8.GetBytes(field));
        Assert.Equal(expected, Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void RawUtf8_GoesAsAUtf8Literal_AndLatin1AsItsUtf8Reading()
    {
        var output = new ArrayBufferWriter<byte>();
        EnvelopeAddressWriter.WriteList(output, "Håkon <h@x>"u8);
        Assert.Equal("(({6}\r\nHåkon NIL \"h\" \"x\"))", Encoding.UTF8.GetString(output.WrittenSpan));

        output.ResetWrittenCount();
        EnvelopeAddressWriter.WriteList(output, [(byte)'R', 0xE9, (byte)' ', (byte)'<', (byte)'r', (byte)'@', (byte)'x', (byte)'>']);
        Assert.Equal("(({3}\r\nRé NIL \"r\" \"x\"))", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Theory]
    [InlineData("", false)]
    [InlineData(" (comment) ", false)]
    [InlineData(",;", false)]
    [InlineData("a@b", true)]
    [InlineData("group:;", true)]
    public void HasAddress(string field, bool expected) =>
        Assert.Equal(expected, EnvelopeAddressWriter.HasAddress(Encoding.UTF8.GetBytes(field)));

    [Fact]
    public void AHugeField_IsWrittenInBoundedWork()
    {
        var field = string.Join(", ", Enumerable.Range(0, 2000).Select(i => $"user{i}@example.org"));
        var output = new ArrayBufferWriter<byte>();
        EnvelopeAddressWriter.WriteList(output, Encoding.ASCII.GetBytes(field));
        var text = Encoding.ASCII.GetString(output.WrittenSpan);
        Assert.StartsWith("((NIL NIL \"user0\" \"example.org\")", text, StringComparison.Ordinal);
        Assert.EndsWith("(NIL NIL \"user1999\" \"example.org\"))", text, StringComparison.Ordinal);
    }
}
