using System.Buffers;
using System.Text;
using ServerlessMail.Relay.Smtp;

namespace ServerlessMail.Relay.Tests;

/// <summary>The smarthost client's synchronous parts: reply parsing, EHLO capabilities, dot-stuffing.</summary>
public sealed class SmtpClientPartsTests
{
    public static TheoryData<string, int, string[]> Replies() => new()
    {
        { "220 peer.test ESMTP\r\n", 220, ["peer.test ESMTP"] },
        { "250-peer.test\r\n250-SIZE 1000\r\n250 STARTTLS\r\n", 250, ["peer.test", "SIZE 1000", "STARTTLS"] },
        { "354\r\n", 354, [""] },
        { "550 5.1.1 <a@b>: no such user\r\n", 550, ["5.1.1 <a@b>: no such user"] },
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public void ReplyParser_ReadsSingleAndMultiLineReplies(string wire, int code, string[] lines)
    {
        var bytes = Encoding.ASCII.GetBytes(wire + "250 next\r\n");
        Assert.True(SmtpReplyParser.TryParse(new ReadOnlySequence<byte>(bytes), out var reply, out var consumed));
        Assert.Equal(code, reply!.Code);
        Assert.Equal(lines, reply.Lines);
        Assert.Equal(wire.Length, new ReadOnlySequence<byte>(bytes).Slice(0, consumed).Length);
    }

    [Theory]
    [MemberData(nameof(Replies))]
    public void ReplyParser_EveryPrefixNeedsMore(string wire, int code, string[] lines)
    {
        _ = (code, lines);
        var bytes = Encoding.ASCII.GetBytes(wire);
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.False(SmtpReplyParser.TryParse(new ReadOnlySequence<byte>(bytes, 0, length), out _, out _), $"prefix of {length} bytes");
        }
    }

    [Theory]
    [InlineData("hello\r\n")]
    [InlineData("2x0 bad\r\n")]
    [InlineData("250_nope\r\n")]
    [InlineData("250-first\r\n251 changed code\r\n")]
    [InlineData("650 out of range\r\n")]
    public void ReplyParser_RefusesMalformedReplies(string wire)
    {
        Assert.Throws<SmtpProtocolException>(() => SmtpReplyParser.TryParse(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(wire)), out _, out _));
    }

    [Fact]
    public void ReplyParser_BoundsLinesAndLineCounts()
    {
        var endless = Encoding.ASCII.GetBytes("250 " + new string('x', SmtpReplyParser.MaxLineLength));
        Assert.Throws<SmtpProtocolException>(() => SmtpReplyParser.TryParse(new ReadOnlySequence<byte>(endless), out _, out _));
        var many = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("250-x\r\n", SmtpReplyParser.MaxLines + 1)) + "250 end\r\n");
        Assert.Throws<SmtpProtocolException>(() => SmtpReplyParser.TryParse(new ReadOnlySequence<byte>(many), out _, out _));
    }

    [Fact]
    public void Ehlo_ReadsTheExtensionsTheClientUses()
    {
        var reply = new SmtpReply(250, ["peer.test greets you", "SIZE 35882577", "8BITMIME", "AUTH=LOGIN", "AUTH PLAIN LOGIN", "STARTTLS", "SMTPUTF8", "PIPELINING"]);
        var capabilities = EhloCapabilities.Parse(reply);
        Assert.True(capabilities.StartTls);
        Assert.True(capabilities.EightBitMime);
        Assert.True(capabilities.SmtpUtf8);
        Assert.Equal(35882577, capabilities.MaxSize);
        Assert.Equal(["LOGIN", "PLAIN"], capabilities.AuthMechanisms.Order(StringComparer.Ordinal));
        Assert.False(EhloCapabilities.Parse(new SmtpReply(250, ["only a greeting"])).StartTls);
    }

    [Theory]
    [InlineData("a\r\n.b\r\n..c\r\n", "a\r\n..b\r\n...c\r\n")]
    [InlineData(".first\r\n", "..first\r\n")]
    [InlineData("no dots. here.\r\n", "no dots. here.\r\n")]
    [InlineData("a\r\n.\r\n", "a\r\n..\r\n")]
    public void DotStuffer_DoublesLeadingDotsWhateverTheChunks(string input, string expected)
    {
        var bytes = Encoding.ASCII.GetBytes(input);
        for (var split = 0; split <= bytes.Length; split++)
        {
            var stuffer = new DotStuffer();
            var output = new byte[DotStuffer.MaxOutput(bytes.Length)];
            var written = stuffer.Stuff(bytes.AsSpan(0, split), output);
            written += stuffer.Stuff(bytes.AsSpan(split), output.AsSpan(written));
            Assert.Equal(expected, Encoding.ASCII.GetString(output, 0, written));
            Assert.True(stuffer.EndsWithLineBreak);
        }
    }

    [Fact]
    public void DotStuffer_KnowsWhenTheContentLacksAFinalLineBreak()
    {
        var stuffer = new DotStuffer();
        var output = new byte[64];
        stuffer.Stuff("body without end"u8, output);
        Assert.False(stuffer.EndsWithLineBreak);
        stuffer.Stuff("\r"u8, output);
        Assert.False(stuffer.EndsWithLineBreak);
        stuffer.Stuff("\n"u8, output);
        Assert.True(stuffer.EndsWithLineBreak);
    }
}
