using ServerlessMail.Mime.Tests.Parsing;

namespace ServerlessMail.Mime.Tests.Content;

public sealed class MimeStructureCodecTests
{
    private static readonly byte[] Forwarded = TestMail.Crlf(
        "From: =?utf-8?q?J=C3=B6rg?= <jorg@example.test>",
        "To: a@example.test, Team: b@example.test;",
        "Subject: =?utf-8?b?SGVsbG8g4pyI?=",
        "Date: Sun, 22 Nov 2026 10:00:00 +0100",
        "Message-ID: <outer@example.test>",
        "X-Not-Kept: dropped",
        "Content-Type: multipart/mixed; boundary=x",
        "",
        "preamble",
        "--x",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: quoted-printable",
        "",
        "caf=C3=A9",
        "--x",
        "Content-Type: message/rfc822",
        "Content-Disposition: attachment",
        "",
        "Subject: inner",
        "From: inner@example.test",
        "Received: not kept",
        "",
        "inner body",
        "--x--",
        "epilogue",
        "");

    [Fact]
    public void RoundTrip_KeepsStructureOffsetsAndEnvelopeFields()
    {
        var parsed = MimeParser.Parse(Forwarded);
        var restored = MimeStructureCodec.Deserialize(MimeStructureCodec.Serialize(parsed), new MemoryMimeSource(Forwarded));

        Assert.Equal(MimeStructureFormatter.Format(parsed), MimeStructureFormatter.Format(restored));
        Assert.Equal(parsed.Subject, restored.Subject);
        Assert.Equal(parsed.From.Single().ToString(), restored.From.Single().ToString());
        Assert.Equal(2, restored.To.Count);
        Assert.Equal(parsed.Date, restored.Date);
        Assert.Equal("outer@example.test", restored.MessageId);
        Assert.Equal("café", restored.GetTextBody());
        Assert.Equal("inner", restored.Root.Children[1].EncapsulatedMessage!.Headers.Find("Subject")!.Value);
        Assert.Equal("attachment", restored.Root.Children[1].ContentDisposition!.Disposition);
    }

    [Fact]
    public void RoundTrip_KeepsOnlyTheFieldsImapAnswersNeed()
    {
        var restored = MimeStructureCodec.Deserialize(MimeStructureCodec.Serialize(MimeParser.Parse(Forwarded)));

        Assert.Null(restored.Headers.Find("X-Not-Kept"));
        Assert.Null(restored.Root.Children[1].EncapsulatedMessage!.Headers.Find("Received"));
        Assert.Null(restored.Root.Children[0].Headers.Find("Subject"));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 9 })]
    [InlineData(new byte[] { 1, 0x80 })]
    [InlineData(new byte[] { 1, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5 })]
    [InlineData(new byte[] { 1, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0x0f })]
    public void Garbage_IsAFormatException(byte[] data) =>
        Assert.Throws<FormatException>(() => MimeStructureCodec.Deserialize(data));
}
