using System.Text;

namespace ServerlessMail.Mime.Tests.Composing;

public class MessageBuilderTests
{
    private static readonly MailboxAddress Alice = new("Alice", "alice", "example.com");
    private static readonly MailboxAddress Bob = new("Bob", "bob", "example.org");

    public static TheoryData<string, string[]> Shapes => new()
    {
        { "text", ["text/plain"] },
        { "html", ["text/html"] },
        { "", ["text/plain"] },
        { "text+html", ["multipart/alternative", "text/plain", "text/html"] },
        { "html+inline", ["multipart/related", "text/html", "image/png"] },
        { "text+html+inline", ["multipart/related", "multipart/alternative", "text/plain", "text/html", "image/png"] },
        { "text+attachment", ["multipart/mixed", "text/plain", "application/pdf"] },
        { "attachment", ["multipart/mixed", "application/pdf"] },
        { "inline", ["multipart/related", "text/plain", "image/png"] },
        {
            "text+html+inline+attachment",
            ["multipart/mixed", "multipart/related", "multipart/alternative", "text/plain", "text/html", "image/png", "application/pdf"]
        },
        { "html+attachment", ["multipart/mixed", "text/html", "application/pdf"] },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void WriteTo_UsesOnlyTheLevelsNeeded(string shape, string[] contentTypes)
    {
        var message = Build(shape).ToArray();
        ComposedOutput.AssertLines(message);
        Assert.Equal(contentTypes, ComposedOutput.ContentTypes(message));
        Assert.Equal(" 1.0", ComposedOutput.Field(message, "MIME-Version"));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void WriteTo_EveryShape_KeepsLinesShortAndCrlf(string shape, string[] contentTypes)
    {
        Assert.NotEmpty(contentTypes);
        var builder = Build(shape);
        builder.Subject = string.Concat(Enumerable.Repeat("Sehr lange Betreffzeile mit Umlauten \u00e4\u00f6\u00fc ", 10));
        if (builder.TextBody is not null)
        {
            builder.TextBody += "\n" + new string('x', 5000) + "\r" + new string('\u00e9', 3000) + "\n\n.\nFrom here";
        }

        foreach (var options in AllOptions())
        {
            var message = builder.ToArray(options);
            ComposedOutput.AssertLines(message);
            ComposedOutput.AssertHeaderLinesFit(ComposedOutput.HeaderBlock(message));
            if (!options.AllowSmtpUtf8)
            {
                Assert.True(Ascii.IsValid(ComposedOutput.HeaderBlock(message)));
            }
        }
    }

    [Fact]
    public void WriteTo_RelatedNamesItsRootType()
    {
        var message = Encoding.ASCII.GetString(Build("html+inline").ToArray());
        Assert.Contains("Content-Type: multipart/related; boundary=\"=_", message, StringComparison.Ordinal);
        Assert.Contains("type=\"text/html\"", message, StringComparison.Ordinal);
        Assert.Contains("Content-ID: <logo@example.com>\r\n", message, StringComparison.Ordinal);
        Assert.Contains("Content-Disposition: inline; filename=\"logo.png\"\r\n", message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteTo_BoundariesAreUniqueAndStartWithEqualsUnderscore()
    {
        var message = Encoding.ASCII.GetString(Build("text+html+inline+attachment").ToArray());
        var boundaries = System.Text.RegularExpressions.Regex.Matches(message, "boundary=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(3, boundaries.Count);
        Assert.Equal(3, boundaries.Distinct().Count());
        Assert.All(boundaries, b => Assert.StartsWith("=_", b, StringComparison.Ordinal));
        Assert.All(boundaries, b => Assert.InRange(b.Length, 20, 70));
        Assert.All(boundaries, b => Assert.Contains("\r\n--" + b + "--\r\n", message, StringComparison.Ordinal));
    }

    [Fact]
    public void WriteTo_MessageHeaders()
    {
        var builder = new MessageBuilder
        {
            From = Alice,
            Sender = new MailboxAddress(null, "robot", "example.com"),
            Subject = "Hello",
            Date = new DateTimeOffset(2024, 3, 5, 14, 7, 9, TimeSpan.FromHours(-5)),
            MessageId = "<m1@example.com>",
            InReplyTo = "m0@example.com",
            TextBody = "Hi",
        };
        builder.To.Add(Bob);
        builder.Cc.Add(new MailboxAddress(null, "carol", "example.net"));
        builder.ReplyTo.Add(new MailboxAddress("List", "list", "example.com"));
        builder.References.Add("m-1@example.com");
        builder.References.Add("m0@example.com");
        builder.AddHeader("X-Mailer", "ServerlessMail");

        var message = builder.ToArray();
        Assert.Equal(" Tue, 5 Mar 2024 14:07:09 -0500", ComposedOutput.Field(message, "Date"));
        Assert.Equal(" Alice <alice@example.com>", ComposedOutput.Field(message, "From"));
        Assert.Equal(" robot@example.com", ComposedOutput.Field(message, "Sender"));
        Assert.Equal(" Bob <bob@example.org>", ComposedOutput.Field(message, "To"));
        Assert.Equal(" carol@example.net", ComposedOutput.Field(message, "Cc"));
        Assert.Equal(" List <list@example.com>", ComposedOutput.Field(message, "Reply-To"));
        Assert.Equal(" Hello", ComposedOutput.Field(message, "Subject"));
        Assert.Equal(" <m1@example.com>", ComposedOutput.Field(message, "Message-ID"));
        Assert.Equal(" <m0@example.com>", ComposedOutput.Field(message, "In-Reply-To"));
        Assert.Equal(" <m-1@example.com> <m0@example.com>", ComposedOutput.Field(message, "References"));
        Assert.Equal(" ServerlessMail", ComposedOutput.Field(message, "X-Mailer"));
        Assert.Equal(" text/plain; charset=utf-8", ComposedOutput.Field(message, "Content-Type"));
        Assert.Equal(" 7bit", ComposedOutput.Field(message, "Content-Transfer-Encoding"));
        Assert.EndsWith("\r\n\r\nHi\r\n", Encoding.ASCII.GetString(message), StringComparison.Ordinal);
    }

    [Fact]
    public void WriteTo_BccOnlyWhenAsked()
    {
        var builder = new MessageBuilder { From = Alice, TextBody = "x" };
        builder.Bcc.Add(Bob);
        Assert.Null(ComposedOutput.Field(builder.ToArray(), "Bcc"));
        Assert.Equal(" Bob <bob@example.org>", ComposedOutput.Field(builder.ToArray(new MessageFormatOptions { IncludeBcc = true }), "Bcc"));
    }

    [Fact]
    public void WriteTo_DateAndMessageIdAreGeneratedOnceAndKept()
    {
        var builder = new MessageBuilder { From = new MailboxAddress(null, "a", "b\u00fccher.example"), TextBody = "x" };
        var first = builder.ToArray();
        var second = builder.ToArray(new MessageFormatOptions { IncludeBcc = true });
        Assert.NotNull(builder.Date);
        Assert.NotNull(builder.MessageId);
        Assert.EndsWith("@xn--bcher-kva.example", builder.MessageId, StringComparison.Ordinal);
        Assert.Equal(ComposedOutput.Field(first, "Message-ID"), ComposedOutput.Field(second, "Message-ID"));
        Assert.Equal(ComposedOutput.Field(first, "Date"), ComposedOutput.Field(second, "Date"));
    }

    [Fact]
    public void WriteTo_DateDefaultsToTheClockInItsLocalZone()
    {
        var builder = new MessageBuilder { From = Alice, TextBody = "x", Clock = new FixedClock() };
        Assert.Equal(" Fri, 1 Nov 2024 09:30:00 +0100", ComposedOutput.Field(builder.ToArray(), "Date"));
    }

    public static TheoryData<string, bool, string, string> Bodies => new()
    {
        { "plain ascii", false, "7bit", "plain ascii\r\n" },
        { "line one\nline two\rline three\r\n", false, "7bit", "line one\r\nline two\r\nline three\r\n" },
        { "caf\u00e9", false, "quoted-printable", "caf=C3=A9\r\n" },
        { "caf\u00e9", true, "8bit", "caf\u00e9\r\n" },
        { "nul\0", true, "quoted-printable", "nul=00\r\n" },
        { "ends with space \n", false, "7bit", "ends with space \r\n" },
        { "", false, "7bit", "\r\n" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void WriteTo_TextBodyEncoding(string text, bool eightBit, string encoding, string body)
    {
        var message = new MessageBuilder { From = Alice, TextBody = text }.ToArray(new MessageFormatOptions { AllowEightBit = eightBit });
        Assert.Equal(" " + encoding, ComposedOutput.Field(message, "Content-Transfer-Encoding"));
        var written = Encoding.UTF8.GetString(message);
        Assert.Equal(body, written[(written.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WriteTo_LineOver998_IsQuotedPrintableEvenWithEightBit(bool eightBit)
    {
        var message = new MessageBuilder { From = Alice, TextBody = new string('a', 999) }.ToArray(new MessageFormatOptions { AllowEightBit = eightBit });
        Assert.Equal(" quoted-printable", ComposedOutput.Field(message, "Content-Transfer-Encoding"));
        ComposedOutput.AssertLines(message);
    }

    [Fact]
    public void WriteTo_NonAsciiHeaders_EncodedOrRawBySmtpUtf8()
    {
        var builder = new MessageBuilder
        {
            From = new MailboxAddress("J\u00fcrgen", "j\u00fcrgen", "m\u00fcnchen.example"),
            Subject = "Gr\u00fc\u00dfe",
            TextBody = "x",
        };
        builder.AddHeader("X-Note", "f\u00fcr dich");

        Assert.Throws<ArgumentException>(() => builder.ToArray());

        var raw = builder.ToArray(new MessageFormatOptions { AllowSmtpUtf8 = true });
        Assert.Equal(" J\u00fcrgen <j\u00fcrgen@m\u00fcnchen.example>", ComposedOutput.Field(raw, "From"));
        Assert.Equal(" Gr\u00fc\u00dfe", ComposedOutput.Field(raw, "Subject"));
        Assert.Equal(" f\u00fcr dich", ComposedOutput.Field(raw, "X-Note"));

        builder.From = new MailboxAddress("J\u00fcrgen", "juergen", "m\u00fcnchen.example");
        var encoded = builder.ToArray();
        Assert.True(Ascii.IsValid(ComposedOutput.HeaderBlock(encoded)));
        Assert.Equal(" =?utf-8?Q?J=C3=BCrgen?= <juergen@xn--mnchen-3ya.example>", ComposedOutput.Field(encoded, "From"));
        Assert.Equal(" =?utf-8?Q?f=C3=BCr?= dich", ComposedOutput.Field(encoded, "X-Note"));
    }

    [Fact]
    public void WriteTo_AttachmentIsBase64WithBothFileNameForms()
    {
        var content = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        var builder = new MessageBuilder { From = Alice, TextBody = "see attached" };
        builder.AddAttachment("Rechnung \u20ac 2024.pdf", "application/pdf", content);
        var message = Encoding.ASCII.GetString(builder.ToArray());

        Assert.Contains("Content-Type: application/pdf; name=\"=?utf-8?", message, StringComparison.Ordinal);
        Assert.Contains("Content-Disposition: attachment;\r\n filename*=utf-8''Rechnung%20%E2%82%AC%202024.pdf\r\n", message, StringComparison.Ordinal);
        Assert.Contains("Content-Transfer-Encoding: base64\r\n", message, StringComparison.Ordinal);
        var start = message.IndexOf("\r\n\r\n", message.IndexOf("filename*=", StringComparison.Ordinal), StringComparison.Ordinal) + 4;
        var body = message[start..message.IndexOf("\r\n--=_", start, StringComparison.Ordinal)];
        Assert.Equal(content, Convert.FromBase64String(body));
    }

    [Fact]
    public void WriteTo_AttachmentParametersAreKept()
    {
        var builder = new MessageBuilder { From = Alice };
        builder.AddAttachment("notes.txt", "Text/Plain; charset=\"iso-8859-1\"; format=flowed; name=ignored", "x"u8.ToArray());
        var message = Encoding.ASCII.GetString(builder.ToArray());
        Assert.Contains("Content-Type: text/plain; charset=iso-8859-1; format=flowed; name=\"notes.txt\"\r\n", message, StringComparison.Ordinal);
        Assert.Contains("Content-Transfer-Encoding: base64\r\n", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Subject: inner\r\n\r\nplain body\r\n", false, "7bit")]
    [InlineData("Subject: inner\n\nbare LF body\n", false, "7bit")]
    [InlineData("Subject: inner\r\n\r\ncaf\u00e9\r\n", false, "base64")]
    [InlineData("Subject: inner\r\n\r\ncaf\u00e9\r\n", true, "8bit")]
    public void WriteTo_AttachedMessageIsRawWhenTheTransportAllows(string inner, bool eightBit, string encoding)
    {
        var builder = new MessageBuilder { From = Alice, TextBody = "fwd" };
        builder.AddAttachment("inner.eml", "message/rfc822", Encoding.UTF8.GetBytes(inner));
        var message = builder.ToArray(new MessageFormatOptions { AllowEightBit = eightBit });
        ComposedOutput.AssertLines(message);
        var text = Encoding.UTF8.GetString(message);
        Assert.Contains("Content-Type: message/rfc822; name=\"inner.eml\"\r\nContent-Transfer-Encoding: " + encoding + "\r\n", text, StringComparison.Ordinal);
        if (encoding != "base64")
        {
            Assert.Contains("\r\n\r\n" + inner.ReplaceLineEndings("\r\n") + "\r\n--=_", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void WriteTo_LongAddressLists_StayWithinLines()
    {
        var builder = new MessageBuilder { From = Alice, TextBody = "x" };
        for (var i = 0; i < 50; i++)
        {
            builder.To.Add(new MailboxAddress(i % 3 == 0 ? "M\u00fcller, Person " + i : "Person " + i, "person" + i, "example.com"));
        }

        var message = builder.ToArray();
        ComposedOutput.AssertLines(message);
        ComposedOutput.AssertHeaderLinesFit(ComposedOutput.HeaderBlock(message));
    }

    [Fact]
    public void WriteTo_FailedWrite_LeavesTheStreamEmpty()
    {
        var builder = new MessageBuilder { From = Alice, TextBody = "x" };
        builder.To.Add(new MailboxAddress(null, "\u7528\u6237", "example.com"));
        using var stream = new MemoryStream();
        Assert.Throws<ArgumentException>(() => builder.WriteTo(stream));
        Assert.Equal(0, stream.Length);
    }

    private sealed class FixedClock : TimeProvider
    {
        public override TimeZoneInfo LocalTimeZone { get; } = TimeZoneInfo.CreateCustomTimeZone("Test", TimeSpan.FromHours(1), "Test", "Test");

        public override DateTimeOffset GetUtcNow() => new(2024, 11, 1, 8, 30, 0, TimeSpan.Zero);
    }

    internal static IEnumerable<MessageFormatOptions> AllOptions() =>
        from eightBit in new[] { false, true }
        from utf8 in new[] { false, true }
        select new MessageFormatOptions { AllowEightBit = eightBit, AllowSmtpUtf8 = utf8, IncludeBcc = true };

    private static MessageBuilder Build(string shape)
    {
        var parts = shape.Split('+', StringSplitOptions.RemoveEmptyEntries);
        var builder = new MessageBuilder { From = Alice, Subject = "Shape " + shape };
        builder.To.Add(Bob);
        if (parts.Contains("text"))
        {
            builder.TextBody = "Hello\nworld";
        }

        if (parts.Contains("html"))
        {
            builder.HtmlBody = "<p>Hello <img src=\"cid:logo@example.com\"></p>";
        }

        if (parts.Contains("inline"))
        {
            builder.AddInlineResource("logo@example.com", "logo.png", "image/png", new byte[] { 0x89, 0x50, 0x4E, 0x47 });
        }

        if (parts.Contains("attachment"))
        {
            builder.AddAttachment("report.pdf", "application/pdf", new byte[1000]);
        }

        return builder;
    }
}
