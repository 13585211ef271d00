namespace ServerlessMail.Mime.Tests.Composing;

/// <summary>No value given to the builder can add a header line: CR, LF and NUL are refused everywhere, naming the field.</summary>
public class MessageBuilderInjectionTests
{
    private static readonly MailboxAddress Good = new("Good", "good", "example.com");

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        string[] fields =
        [
            "From.Name", "From.LocalPart", "From.Domain", "Sender.Name", "To.Name", "To.LocalPart", "To.Domain", "To.Set",
            "Cc.Name", "Bcc.Name", "Reply-To.Name", "Reply-To.Domain", "Subject", "Message-ID", "In-Reply-To", "References",
            "Attachment.FileName", "Attachment.ContentType", "Inline.ContentId", "Inline.FileName", "Inline.ContentType",
            "Header.Name", "Header.Value",
        ];
        foreach (var field in fields)
        {
            foreach (var evil in new[] { "\r\nBcc: victim@example.net", "\nX-Evil: 1", "\rX-Evil: 1", "a\0b" })
            {
                data.Add(field, evil);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryField_RefusesLineBreaksAndNul(string field, string evil)
    {
        var builder = new MessageBuilder { From = Good };
        builder.To.Add(Good);
        var error = Assert.ThrowsAny<ArgumentException>(() => Inject(builder, field, evil));
        var expectedName = field.Split('.')[0] switch
        {
            "Attachment" or "Inline" => field.Split('.')[1] switch
            {
                "FileName" => "fileName",
                "ContentType" => "contentType",
                _ => "contentId",
            },
            "Header" => field.EndsWith("Name", StringComparison.Ordinal) ? "Header name" : "Header 'X-Test'",
            var name => name,
        };
        Assert.Contains(expectedName, error.Message, StringComparison.OrdinalIgnoreCase);

        // Whatever was refused, the message that can still be written carries no injected field.
        var written = System.Text.Encoding.UTF8.GetString(builder.ToArray());
        Assert.DoesNotContain("X-Evil", written, StringComparison.Ordinal);
        Assert.DoesNotContain("victim", written, StringComparison.Ordinal);
        ComposedOutput.AssertLines(builder.ToArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("X Y")]
    [InlineData("X:Y")]
    [InlineData("X-\u00e9")]
    [InlineData("X-\u007f")]
    [InlineData("Content-Type")]
    [InlineData("content-transfer-encoding")]
    [InlineData("Content-Disposition")]
    [InlineData("MIME-Version")]
    [InlineData("mime-version")]
    [InlineData("From")]
    [InlineData("Bcc")]
    [InlineData("Subject")]
    [InlineData("Message-ID")]
    [InlineData("References")]
    public void AddHeader_RefusesBadOrStructuralNames(string name) =>
        Assert.Throws<ArgumentException>(() => new MessageBuilder().AddHeader(name, "value"));

    [Theory]
    [InlineData("X-Mailer")]
    [InlineData("List-Unsubscribe")]
    [InlineData("Auto-Submitted")]
    [InlineData("X-Priority")]
    public void AddHeader_AcceptsOrdinaryNames(string name)
    {
        var builder = new MessageBuilder { From = Good };
        builder.AddHeader(name, "value");
        Assert.Equal(" value", ComposedOutput.Field(builder.ToArray(), name));
    }

    [Theory]
    [InlineData("a\u0001b")]
    [InlineData("a\u007fb")]
    public void AddHeader_RefusesControlCharacters(string value) =>
        Assert.Throws<ArgumentException>(() => new MessageBuilder().AddHeader("X-Test", value));

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("<a@b")]
    [InlineData("a>b")]
    [InlineData("<>")]
    [InlineData("\u00e9@b")]
    public void Ids_RefuseInvalidIdentifiers(string id)
    {
        var builder = new MessageBuilder();
        Assert.Throws<ArgumentException>(() => builder.MessageId = id);
        Assert.Throws<ArgumentException>(() => builder.InReplyTo = id);
        Assert.Throws<ArgumentException>(() => builder.References.Add(id));
        Assert.Throws<ArgumentException>(() => builder.AddInlineResource(id, "a.png", "image/png", Array.Empty<byte>()));
    }

    [Theory]
    [InlineData("<abc@example.com>", "abc@example.com")]
    [InlineData("abc@example.com", "abc@example.com")]
    [InlineData("no-at-sign", "no-at-sign")]
    public void Ids_DropAngleBrackets(string given, string stored)
    {
        var builder = new MessageBuilder { MessageId = given, InReplyTo = given };
        builder.References.Add(given);
        Assert.Equal(stored, builder.MessageId);
        Assert.Equal(stored, builder.InReplyTo);
        Assert.Equal(stored, builder.References[0]);
    }

    [Theory]
    [InlineData("", "example.com")]
    [InlineData("a", "")]
    [InlineData("a", "exa mple.com")]
    [InlineData("a", "example.com>")]
    [InlineData("a", "a,b.example")]
    [InlineData("a\u0001", "example.com")]
    [InlineData("a", "[1.2.3.4")]
    public void Mailboxes_RefuseUnwritableAddresses(string local, string domain)
    {
        var builder = new MessageBuilder();
        Assert.Throws<ArgumentException>(() => builder.To.Add(new MailboxAddress(null, local, domain)));
        Assert.Throws<ArgumentException>(() => builder.From = new MailboxAddress(null, local, domain));
    }

    [Theory]
    [InlineData("text")]
    [InlineData("text/")]
    [InlineData("/plain")]
    [InlineData("text/pl ain")]
    [InlineData("text/plain; charset")]
    [InlineData("text/plain; charset=\"utf-8")]
    [InlineData("text/plain; a*=b")]
    [InlineData("multipart/mixed")]
    [InlineData("message/partial")]
    public void AddAttachment_RefusesBadContentTypes(string contentType) =>
        Assert.Throws<ArgumentException>(() => new MessageBuilder().AddAttachment("a.bin", contentType, Array.Empty<byte>()));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a\u0001.txt")]
    public void AddAttachment_RefusesBadFileNames(string fileName) =>
        Assert.Throws<ArgumentException>(() => new MessageBuilder().AddAttachment(fileName, "text/plain", Array.Empty<byte>()));

    [Fact]
    public void WriteTo_WithoutFrom_Throws() =>
        Assert.Throws<InvalidOperationException>(() => new MessageBuilder { Subject = "x" }.ToArray());

    private static void Inject(MessageBuilder builder, string field, string evil)
    {
        switch (field)
        {
            case "From.Name": builder.From = new MailboxAddress("A" + evil, "a", "example.com"); break;
            case "From.LocalPart": builder.From = new MailboxAddress(null, "a" + evil, "example.com"); break;
            case "From.Domain": builder.From = new MailboxAddress(null, "a", "example.com" + evil); break;
            case "Sender.Name": builder.Sender = new MailboxAddress("A" + evil, "a", "example.com"); break;
            case "To.Name": builder.To.Add(new MailboxAddress("A" + evil, "a", "example.com")); break;
            case "To.LocalPart": builder.To.Add(new MailboxAddress(null, "a" + evil, "example.com")); break;
            case "To.Domain": builder.To.Add(new MailboxAddress(null, "a", "example.com" + evil)); break;
            case "To.Set": builder.To[0] = new MailboxAddress("A" + evil, "a", "example.com"); break;
            case "Cc.Name": builder.Cc.Add(new MailboxAddress("A" + evil, "a", "example.com")); break;
            case "Bcc.Name": builder.Bcc.Add(new MailboxAddress("A" + evil, "a", "example.com")); break;
            case "Reply-To.Name": builder.ReplyTo.Add(new MailboxAddress("A" + evil, "a", "example.com")); break;
            case "Reply-To.Domain": builder.ReplyTo.Add(new MailboxAddress(null, "a", "example.com" + evil)); break;
            case "Subject": builder.Subject = "Hi" + evil; break;
            case "Message-ID": builder.MessageId = "id@x" + evil; break;
            case "In-Reply-To": builder.InReplyTo = "id@x" + evil; break;
            case "References": builder.References.Add("id@x" + evil); break;
            case "Attachment.FileName": builder.AddAttachment("a" + evil + ".txt", "text/plain", Array.Empty<byte>()); break;
            case "Attachment.ContentType": builder.AddAttachment("a.txt", "text/plain" + evil, Array.Empty<byte>()); break;
            case "Inline.ContentId": builder.AddInlineResource("id" + evil, "a.png", "image/png", Array.Empty<byte>()); break;
            case "Inline.FileName": builder.AddInlineResource("id", "a" + evil + ".png", "image/png", Array.Empty<byte>()); break;
            case "Inline.ContentType": builder.AddInlineResource("id", "a.png", "image/png" + evil, Array.Empty<byte>()); break;
            case "Header.Name": builder.AddHeader("X-Test" + evil, "v"); break;
            case "Header.Value": builder.AddHeader("X-Test", "v" + evil); break;
            default: throw new ArgumentOutOfRangeException(nameof(field));
        }
    }
}
