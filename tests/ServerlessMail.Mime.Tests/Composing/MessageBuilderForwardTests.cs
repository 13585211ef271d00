using System.Text;

namespace ServerlessMail.Mime.Tests.Composing;

public class MessageBuilderForwardTests
{
    private static readonly MailboxAddress Bob = new("Bob", "bob", "example.org");
    private static readonly MailboxAddress Erin = new("Erin", "erin", "example.net");

    [Theory]
    [InlineData("Lunch", "Fwd: Lunch")]
    [InlineData("FW: Fwd: Lunch", "Fwd: Lunch")]
    [InlineData("WG: Lunch", "Fwd: Lunch")]
    [InlineData("TR: Lunch", "Fwd: Lunch")]
    [InlineData("Re: Lunch", "Fwd: Re: Lunch")]
    public void CreateForward_Subject(string subject, string expected)
    {
        var original = MessageBuilderReplyTests.Original(b => b.Subject = subject);
        Assert.Equal(expected, MessageBuilder.CreateForward(original, Bob, [Erin], ForwardMode.Inline, "x").Subject);
        Assert.Equal(expected, MessageBuilder.CreateForward(original, Bob, [Erin], ForwardMode.Attachment, "x").Subject);
    }

    [Fact]
    public void CreateForward_Inline_QuotesHeadersAndTextAndReattaches()
    {
        var pdf = Enumerable.Range(0, 5000).Select(i => (byte)(i * 7)).ToArray();
        var original = MessageBuilderReplyTests.Original(b =>
        {
            b.To.Add(Bob);
            b.Cc.Add(new MailboxAddress(null, "carol", "example.net"));
            b.AddAttachment("Pl\u00e4ne.pdf", "application/pdf", pdf);
        });

        var forward = MessageBuilder.CreateForward(original, Bob, [Erin], ForwardMode.Inline, "FYI");

        Assert.Equal(Bob, forward.From);
        Assert.Equal([Erin], forward.To);
        Assert.Null(forward.InReplyTo);
        Assert.Equal(
            "FYI\r\n\r\n---------- Forwarded message ---------\r\n" +
            "From: Alice <alice@example.com>\r\n" +
            "Date: Tue, 5 Mar 2024 14:07:09 -0500\r\n" +
            "Subject: Lunch\r\n" +
            "To: Bob <bob@example.org>\r\n" +
            "Cc: carol@example.net\r\n" +
            "\r\n" +
            "Shall we meet at noon?\r\n\r\nA.\r\n",
            forward.TextBody);

        var parsed = MimeParser.Parse(forward.ToArray());
        var attachment = Assert.Single(parsed.Attachments);
        Assert.Equal("Pl\u00e4ne.pdf", attachment.FileName);
        Assert.Equal("application/pdf", attachment.ContentType);
        Assert.Equal(pdf, attachment.GetContent());
    }

    [Fact]
    public void CreateForward_InlineHtml_KeepsInlineImagesInline()
    {
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 1, 2, 3 };
        var original = MessageBuilderReplyTests.Original(b =>
        {
            b.HtmlBody = "<html><body><p>Logo: <img src=\"cid:logo@x\"></p></body></html>";
            b.AddInlineResource("logo@x", "logo.png", "image/png", png);
        });

        var forward = MessageBuilder.CreateForward(original, Bob, [Erin], ForwardMode.Inline, "FYI", "<p>FYI</p>");
        Assert.Contains("---------- Forwarded message ---------<br>\r\nFrom: Alice &lt;alice@example.com&gt;<br>", forward.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<p>Logo: <img src=\"cid:logo@x\"></p>", forward.HtmlBody, StringComparison.Ordinal);

        var parsed = MimeParser.Parse(forward.ToArray());
        Assert.Equal(["multipart/related", "multipart/alternative", "text/plain", "text/html", "image/png"], ComposedOutput.ContentTypes(forward.ToArray()));
        var image = Assert.Single(parsed.Attachments);
        Assert.True(image.IsInline);
        Assert.Equal("logo@x", image.ContentId);
        Assert.Equal(png, image.GetContent());
    }

    [Fact]
    public void CreateForward_InlineTextOnly_TurnsInlineImagesIntoAttachments()
    {
        var original = MessageBuilderReplyTests.Original(b =>
        {
            b.HtmlBody = "<p><img src=\"cid:logo@x\"></p>";
            b.AddInlineResource("logo@x", "logo.png", "image/png", new byte[] { 1 });
        });

        var parsed = MimeParser.Parse(MessageBuilder.CreateForward(original, Bob, [Erin], ForwardMode.Inline, "FYI").ToArray());
        var image = Assert.Single(parsed.Attachments);
        Assert.False(image.IsInline);
        Assert.Equal("logo.png", image.FileName);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CreateForward_Attachment_EmbedsTheOriginalUnchanged(bool eightBit)
    {
        var raw = "From: Alice <alice@example.com>\r\nTo: bob@example.org\r\nSubject: Lunch / dinner?\r\n" +
            "Message-ID: <lunch-1@example.com>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nShall we meet at noon?\r\n";
        var original = MimeParser.Parse(Encoding.UTF8.GetBytes(raw));

        var forward = MessageBuilder.CreateForward(original, Bob, [Erin], ForwardMode.Attachment, "See below.");
        Assert.Equal("See below.", forward.TextBody);
        var written = forward.ToArray(new MessageFormatOptions { AllowEightBit = eightBit });
        ComposedOutput.AssertLines(written);
        Assert.Contains("Content-Transfer-Encoding: 7bit\r\nContent-Disposition: attachment;", Encoding.UTF8.GetString(written), StringComparison.Ordinal);

        var parsed = MimeParser.Parse(written);
        var attached = Assert.Single(parsed.Attachments);
        Assert.Equal("message/rfc822", attached.ContentType);
        Assert.Equal("Lunch _ dinner_.eml", attached.FileName);
        Assert.Equal(raw, Encoding.UTF8.GetString(attached.GetContent()));
        Assert.Equal("Lunch / dinner?", attached.Entity.EncapsulatedMessage?.Headers.Find("Subject")?.DecodedValue);
    }

    [Fact]
    public void CreateForward_Attachment_OfAMessageWithAttachments()
    {
        var original = MessageBuilderReplyTests.Original(b => b.AddAttachment("a.bin", "application/octet-stream", new byte[300]));
        var forward = MessageBuilder.CreateForward(original, Bob, [Erin], ForwardMode.Attachment, null, "<p>see</p>");
        Assert.Null(forward.TextBody);

        var parsed = MimeParser.Parse(forward.ToArray());
        var attached = Assert.Single(parsed.Attachments);
        Assert.Equal("message/rfc822", attached.ContentType);
        var nested = attached.Entity.EncapsulatedMessage;
        Assert.NotNull(nested);
        Assert.Equal("multipart/mixed", nested.ContentType.MimeType);
        Assert.Equal(2, nested.Children.Count);
    }

    [Fact]
    public void CreateForward_RefusesBadRecipients() =>
        Assert.Throws<ArgumentException>(() => MessageBuilder.CreateForward(
            MessageBuilderReplyTests.Original(_ => { }), Bob, [new MailboxAddress("x\r\ny", "a", "b.example")], ForwardMode.Inline, "x"));
}
