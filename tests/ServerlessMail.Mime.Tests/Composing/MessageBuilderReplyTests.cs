using System.Text;

namespace ServerlessMail.Mime.Tests.Composing;

public class MessageBuilderReplyTests
{
    private static readonly MailboxAddress Alice = new("Alice", "alice", "example.com");
    private static readonly MailboxAddress Bob = new("Bob", "bob", "example.org");
    private static readonly MailboxAddress Carol = new(null, "carol", "example.net");
    private static readonly MailboxAddress Dave = new("Dave", "dave", "example.net");
    private static readonly DateTimeOffset Sent = new(2024, 3, 5, 14, 7, 9, TimeSpan.FromHours(-5));

    [Fact]
    public void CreateReply_ToTheSender()
    {
        var original = Original(b =>
        {
            b.To.Add(Bob);
            b.Cc.Add(Carol);
        });

        var reply = MessageBuilder.CreateReply(original, Bob, replyAll: false, "Sounds good.");

        Assert.Equal(Bob, reply.From);
        Assert.Equal(["alice@example.com"], reply.To.Select(m => m.Address));
        Assert.Empty(reply.Cc);
        Assert.Equal("Re: Lunch", reply.Subject);
        Assert.Equal("lunch-1@example.com", reply.InReplyTo);
        Assert.Equal(["lunch-1@example.com"], reply.References);
        Assert.Equal(
            "Sounds good.\r\n\r\nOn Tue, 5 Mar 2024 at 14:07, Alice <alice@example.com> wrote:\r\n> Shall we meet at noon?\r\n>\r\n> A.\r\n",
            reply.TextBody);
        Assert.Null(reply.HtmlBody);
    }

    [Fact]
    public void CreateReply_PrefersReplyTo()
    {
        var original = Original(b =>
        {
            b.To.Add(Bob);
            b.ReplyTo.Add(new MailboxAddress("List", "list", "lists.example"));
        });

        var reply = MessageBuilder.CreateReply(original, Bob, replyAll: false, "x");
        Assert.Equal(["list@lists.example"], reply.To.Select(m => m.Address));
    }

    [Fact]
    public void CreateReply_All_AddsToAndCcWithoutSelfOrDuplicates()
    {
        var original = Original(b =>
        {
            b.To.Add(Bob);
            b.To.Add(Dave);
            b.To.Add(new MailboxAddress("Alice again", "ALICE", "Example.COM"));
            b.Cc.Add(Carol);
            b.Cc.Add(new MailboxAddress("Bob (work)", "BOB", "EXAMPLE.org"));
            b.Cc.Add(new MailboxAddress(null, "dave", "example.net"));
        });

        var reply = MessageBuilder.CreateReply(original, Bob, replyAll: true, "x");
        Assert.Equal(["alice@example.com", "dave@example.net"], reply.To.Select(m => m.Address));
        Assert.Equal(["carol@example.net"], reply.Cc.Select(m => m.Address));
    }

    [Fact]
    public void CreateReply_ToOwnMessage_GoesToItsRecipients()
    {
        var original = Original(b => b.To.Add(Bob));
        var reply = MessageBuilder.CreateReply(original, new MailboxAddress(null, "Alice", "EXAMPLE.com"), replyAll: false, "x");
        Assert.Equal(["bob@example.org"], reply.To.Select(m => m.Address));
    }

    [Fact]
    public void CreateReply_References_ContinueTheThread()
    {
        var withReferences = Original(b =>
        {
            b.InReplyTo = "b@x";
            b.References.Add("a@x");
            b.References.Add("b@x");
        });
        Assert.Equal(["a@x", "b@x", "lunch-1@example.com"], MessageBuilder.CreateReply(withReferences, Bob, false, "x").References);

        var withInReplyToOnly = Original(b => b.InReplyTo = "parent@x");
        Assert.Equal(["parent@x", "lunch-1@example.com"], MessageBuilder.CreateReply(withInReplyToOnly, Bob, false, "x").References);
    }

    [Fact]
    public void CreateReply_LongThread_KeepsTheRootAndTheMostRecent()
    {
        var original = Original(b =>
        {
            for (var i = 0; i < 50; i++)
            {
                b.References.Add($"m{i}@x");
            }
        });

        var references = MessageBuilder.CreateReply(original, Bob, false, "x").References;
        Assert.Equal(MessageBuilder.MaxReferences, references.Count);
        Assert.Equal("m0@x", references[0]);
        Assert.Equal("m32@x", references[1]);
        Assert.Equal("m49@x", references[^2]);
        Assert.Equal("lunch-1@example.com", references[^1]);
    }

    [Theory]
    [InlineData("Lunch", "Re: Lunch")]
    [InlineData("RE: AW: Lunch", "Re: Lunch")]
    [InlineData("Re[2]: Lunch", "Re: Lunch")]
    [InlineData("Fwd: Lunch", "Re: Fwd: Lunch")]
    public void CreateReply_Subject(string subject, string expected) =>
        Assert.Equal(expected, MessageBuilder.CreateReply(Original(b => b.Subject = subject), Bob, false, "x").Subject);

    [Fact]
    public void CreateReply_Html_QuotesTheOriginalHtml()
    {
        var original = Original(b => b.HtmlBody = "<html><head><style>p{}</style></head><body><p>Noon?</p></body></html>");
        var reply = MessageBuilder.CreateReply(original, Bob, false, text: null, html: "<html><body><p>Yes</p></body></html>");

        Assert.Null(reply.TextBody);
        Assert.StartsWith("<html><body><p>Yes</p>\r\n<div class=\"quote\">On Tue, 5 Mar 2024 at 14:07, Alice &lt;alice@example.com&gt; wrote:<br>", reply.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<blockquote type=\"cite\">\r\n<p>Noon?</p>\r\n</blockquote></div>\r\n</body></html>", reply.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<style>", reply.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateReply_HtmlToTextOnlyOriginal_QuotesEscapedText()
    {
        var original = Original(b => b.TextBody = "a < b\n& c");
        var reply = MessageBuilder.CreateReply(original, Bob, false, "plain", "<p>rich</p>");
        Assert.Contains("<blockquote type=\"cite\">\r\na &lt; b<br>\r\n&amp; c\r\n</blockquote>", reply.HtmlBody, StringComparison.Ordinal);
        Assert.StartsWith("plain\r\n\r\nOn ", reply.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateReply_HtmlOnlyOriginal_QuotesItsTextInTheTextBody()
    {
        var original = Original(b =>
        {
            b.TextBody = null;
            b.HtmlBody = "<p>First</p><p>Second</p>";
        });
        var reply = MessageBuilder.CreateReply(original, Bob, false, "ok");
        Assert.Contains("> First", reply.TextBody, StringComparison.Ordinal);
        Assert.Contains("Second", reply.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<p>", reply.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateReply_HostileOriginal_IsCleanedNotRefused()
    {
        // An encoded-word can carry CR LF; decoded, it must not turn into a header line of the reply.
        var raw = "From: =?utf-8?Q?Eve=0D=0ABcc:_x@evil.example?= <eve@example.com>\r\n" +
            "To: bob@example.org, broken@, <>\r\n" +
            "Subject: =?utf-8?Q?Hi=0D=0AX-Evil:_1?=\r\n" +
            "Message-ID: <has space@x>\r\n" +
            "\r\nbody\r\n";
        var original = MimeParser.Parse(Encoding.ASCII.GetBytes(raw));
        var reply = MessageBuilder.CreateReply(original, Bob, replyAll: true, "x");
        var written = reply.ToArray();

        ComposedOutput.AssertLines(written);
        Assert.Null(ComposedOutput.Field(written, "X-Evil"));
        Assert.Null(ComposedOutput.Field(written, "Bcc"));
        Assert.Null(reply.InReplyTo);
        Assert.Equal(["eve@example.com"], reply.To.Select(m => m.Address));
        Assert.Equal("Re: Hi  X-Evil: 1", reply.Subject);
    }

    [Fact]
    public void CreateReply_WrittenAndParsed_ThreadsBack()
    {
        var original = Original(b => b.References.Add("root@x"));
        var parsed = MimeParser.Parse(MessageBuilder.CreateReply(original, Bob, true, "x").ToArray());
        Assert.Equal(["lunch-1@example.com"], parsed.InReplyTo);
        Assert.Equal(["root@x", "lunch-1@example.com"], parsed.References);
        Assert.Equal("Re: Lunch", parsed.Subject);
    }

    internal static MimeMessage Original(Action<MessageBuilder> configure)
    {
        var builder = new MessageBuilder
        {
            From = Alice,
            Subject = "Lunch",
            Date = Sent,
            MessageId = "lunch-1@example.com",
            TextBody = "Shall we meet at noon?\n\nA.",
        };
        configure(builder);
        return MimeParser.Parse(builder.ToArray());
    }
}
