using System.Text;
using ServerlessMail.Imap.Rendering;

namespace ServerlessMail.Imap.Tests.Rendering;

/// <summary>Small hand-made messages on the edges of RFC 3501 §7.4.2, each compared with Dovecot 2.3.19's answer.</summary>
public sealed class EdgeCaseRenderingTests
{
    [Fact]
    public void EmptyFields_AreEmptyStrings_AndAnAddressFieldOfOnlyACommentIsNil()
    {
        var raw = "From: a@b\r\nSubject:\r\nDate: \r\nIn-Reply-To:\r\n <x@y>\r\n <z@w>\r\nBcc:\r\nCc: (nobody)\r\nMessage-ID: <m@x>\r\n\r\nbody\r\n";

        // Dovecot keeps the space the fold leaves at the start of In-Reply-To (" <x@y> <z@w>"); we trim it, as the
        // unfolded value has no leading white space (RFC 5322 §2.2.3 unfolding, then the field body as read).
        Assert.Equal(
            """("" "" ((NIL NIL "a" "b")) ((NIL NIL "a" "b")) ((NIL NIL "a" "b")) NIL NIL NIL "<x@y> <z@w>" "<m@x>")""",
            Render.ToText(o => EnvelopeWriter.Write(o, Render.Stored(Encoding.ASCII.GetBytes(raw)).Root)));
    }

    [Fact]
    public void TopLevelMessageRfc822_HasTheNestedEnvelopeAndBody()
    {
        var raw = "Content-Type: message/rfc822\r\n\r\nSubject: inner\r\n\r\ninner body\r\n";
        var root = Render.Stored(Encoding.ASCII.GetBytes(raw)).Root;
        Assert.Equal("(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)", Render.ToText(o => EnvelopeWriter.Write(o, root)));
        Assert.Equal(
            """("message" "rfc822" NIL NIL NIL "7bit" 30 (NIL "inner" NIL NIL NIL NIL NIL NIL NIL NIL) ("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 12 1 NIL NIL NIL NIL) 3 NIL NIL NIL NIL)""",
            Render.ToText(o => BodyStructureWriter.Write(o, root, extended: true)));
    }

    [Fact]
    public void EightBitFilename_GoesAsAUtf8EncodedWord()
    {
        var raw = Encoding.UTF8.GetBytes(
            "Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Type: text/plain; charset=utf-8\r\n" +
            "Content-Language: fr\r\nContent-Disposition: attachment; filename=\"résumé.txt\"\r\n\r\nx\r\n--x--\r\n");

        // Dovecot sends the raw octets as a literal, ("filename" {12}\r\nrésumé.txt); see ParameterValueWriter.
        Assert.Equal(
            """(("text" "plain" ("charset" "utf-8") NIL NIL "7bit" 1 1 NIL ("attachment" ("filename" "=?utf-8?B?csOpc3Vtw6kudHh0?=")) ("fr") NIL) "mixed" ("boundary" "x") NIL NIL NIL)""",
            Render.ToText(o => BodyStructureWriter.Write(o, Render.Stored(raw).Root, extended: true)));
    }

    [Fact]
    public void MultipartWithoutParts_GetsOneEmptyTextPart()
    {
        var raw = "Content-Type: multipart/mixed; boundary=x\r\n\r\nno parts at all\r\n";
        Assert.Equal(
            """(("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 0 0) "mixed")""",
            Render.ToText(o => BodyStructureWriter.Write(o, Render.Stored(Encoding.ASCII.GetBytes(raw)).Root, extended: false)));
    }
}
