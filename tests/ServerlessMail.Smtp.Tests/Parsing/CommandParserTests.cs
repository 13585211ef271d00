using System.Buffers;
using System.Text;

namespace ServerlessMail.Smtp.Tests;

public sealed class CommandParserTests
{
    [Theory]
    [InlineData("FROM:<a@b.test>", null, false)]
    [InlineData("from: <a@b.test> SIZE=1000 BODY=8BITMIME", 1000L, false)]
    [InlineData("FROM:<> BODY=7BIT", null, false)]
    [InlineData("FROM:<josé@b.test> SMTPUTF8", null, true)]
    public void Mail_Valid(string arguments, long? size, bool utf8)
    {
        Assert.Null(MailParser.TryParse(Encoding.UTF8.GetBytes(arguments), authOffered: false, out var command));
        Assert.Equal(size, command!.Size);
        Assert.Equal(utf8, command.SmtpUtf8);
    }

    [Theory]
    [InlineData("TO:<a@b.test>", "SyntaxError")]
    [InlineData("FROM:a@b.test", "BadAddress")]
    [InlineData("FROM:<a@b.test> SIZE=abc", "SyntaxError")]
    [InlineData("FROM:<a@b.test> BODY=BINARYMIME", "SyntaxError")]
    [InlineData("FROM:<a@b.test> RET=FULL", "UnknownParameter")]
    [InlineData("FROM:<a@b.test> ENVID=x", "UnknownParameter")]
    [InlineData("FROM:<a@b.test> AUTH=<>", "UnknownParameter")]
    [InlineData("FROM:<a@b.test> SIZE=1 SIZE=2", "SyntaxError")]
    [InlineData("FROM:<josé@b.test>", "NeedsSmtpUtf8")]
    [InlineData("FROM:<a@b.test>junk", "SyntaxError")]
    public void Mail_Invalid(string arguments, string rejection)
    {
        Assert.Equal(Enum.Parse<SmtpRejection>(rejection), MailParser.TryParse(Encoding.UTF8.GetBytes(arguments), authOffered: false, out _));
    }

    [Theory]
    [InlineData("TO:<a@b.test>", null)]
    [InlineData("to:<Postmaster>", null)]
    [InlineData("TO:<a@b.test> NOTIFY=NEVER", "UnknownParameter")]
    [InlineData("TO:<a@b.test> ORCPT=rfc822;a@b.test", "UnknownParameter")]
    [InlineData("TO:<>", "BadAddress")]
    [InlineData("FROM:<a@b.test>", "SyntaxError")]
    public void Rcpt(string arguments, string? rejection)
    {
        Assert.Equal(rejection is null ? null : Enum.Parse<SmtpRejection>(rejection), RcptParser.TryParse(Encoding.UTF8.GetBytes(arguments), out _));
    }

    [Theory]
    [InlineData("100", 100L, false)]
    [InlineData("0 LAST", 0L, true)]
    [InlineData("42 last", 42L, true)]
    public void Bdat_Valid(string arguments, long size, bool last)
    {
        Assert.True(BdatParser.TryParse(Encoding.ASCII.GetBytes(arguments), out var command));
        Assert.Equal(new BdatCommand(size, last), command);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("10 FIRST")]
    [InlineData("1000000000000000000000")]
    public void Bdat_Invalid(string arguments)
    {
        Assert.False(BdatParser.TryParse(Encoding.ASCII.GetBytes(arguments), out _));
    }

    [Theory]
    [InlineData("PLAIN", "Plain", false)]
    [InlineData("login dXNlcg==", "Login", true)]
    [InlineData("PLAIN =", "Plain", true)]
    public void Auth_Valid(string arguments, string mechanism, bool initial)
    {
        Assert.Null(AuthParser.TryParse(Encoding.ASCII.GetBytes(arguments), out var command));
        Assert.Equal(Enum.Parse<SaslMechanism>(mechanism), command!.Mechanism);
        Assert.Equal(initial, command.InitialResponse is not null);
        Assert.DoesNotContain("dXNlcg", command.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CRAM-MD5", "UnknownMechanism")]
    [InlineData("", "SyntaxError")]
    [InlineData("PLAIN a b", "SyntaxError")]
    public void Auth_Invalid(string arguments, string rejection)
    {
        Assert.Equal(Enum.Parse<SmtpRejection>(rejection), AuthParser.TryParse(Encoding.ASCII.GetBytes(arguments), out _));
    }

    [Theory]
    [InlineData("NOOP\r\n", "Line")]
    [InlineData("NOOP\n", "BareLineEnding")]
    [InlineData("NO\rOP\r\n", "BareLineEnding")]
    [InlineData("NOOP", "NeedMore")]
    [InlineData("NOOP\r", "NeedMore")]
    public void Framing(string input, string expected)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(input)));
        Assert.Equal(Enum.Parse<FramingResult>(expected), CommandLineFraming.TryRead(ref reader, 512, out _));
    }

    [Fact]
    public void Framing_EveryPrefixOfALine_NeedsMore()
    {
        var line = "MAIL FROM:<a@b.test>\r\n"u8.ToArray();
        for (var length = 0; length < line.Length; length++)
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(line, 0, length));
            Assert.Equal(FramingResult.NeedMore, CommandLineFraming.TryRead(ref reader, 512, out _));
            Assert.Equal(0, reader.Consumed);
        }
    }

    [Fact]
    public void Framing_PastTheLimit_OverflowsOrIsTooLong()
    {
        var unterminated = new SequenceReader<byte>(new ReadOnlySequence<byte>(new byte[600]));
        Assert.Equal(FramingResult.Overflow, CommandLineFraming.TryRead(ref unterminated, 512, out _));
        var terminated = new SequenceReader<byte>(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(new string('x', 511) + "\r\n")));
        Assert.Equal(FramingResult.TooLong, CommandLineFraming.TryRead(ref terminated, 512, out _));
    }

    [Fact]
    public void StateTable_AllowsOnlyWhatEachStateMayDo()
    {
        Assert.True(SmtpStateTable.Allows(SmtpStateKind.Initial, SmtpVerb.Ehlo));
        Assert.False(SmtpStateTable.Allows(SmtpStateKind.Initial, SmtpVerb.Mail));
        Assert.False(SmtpStateTable.Allows(SmtpStateKind.Ready, SmtpVerb.Data));
        Assert.True(SmtpStateTable.Allows(SmtpStateKind.Recipients, SmtpVerb.Bdat));
        Assert.False(SmtpStateTable.Allows(SmtpStateKind.Chunking, SmtpVerb.Data));
        Assert.False(SmtpStateTable.Allows(SmtpStateKind.Mail, SmtpVerb.Auth));
        Assert.Equal(SmtpRejection.NeedHelo, SmtpStateTable.RejectionFor(SmtpStateKind.Initial, SmtpVerb.Mail));
        Assert.Equal(SmtpRejection.NeedRecipient, SmtpStateTable.RejectionFor(SmtpStateKind.Mail, SmtpVerb.Data));
    }
}
