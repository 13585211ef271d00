using System.Security.Cryptography;
using System.Text;

namespace ServerlessMail.Mime.Tests.Composing;

/// <summary>Whatever the builder writes, the library's parser reads back as the same message.</summary>
public class MessageBuilderRoundTripTests
{
    private static readonly string[] ContentTypes =
        ["application/pdf", "application/octet-stream", "image/png", "image/jpeg", "text/plain", "text/csv", "application/zip", "audio/mpeg"];

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 400)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void BuiltMessage_ParsesBackToTheSameFields(int seed)
    {
        var random = new ComposeRandom(seed);
        var options = new MessageFormatOptions
        {
            AllowEightBit = random.Chance(50),
            AllowSmtpUtf8 = random.Chance(30),
            IncludeBcc = random.Chance(50),
        };
        var utf8Local = options.AllowSmtpUtf8;
        var builder = new MessageBuilder
        {
            From = random.Mailbox(!utf8Local),
            Sender = random.Chance(20) ? random.Mailbox(!utf8Local) : null,
            Subject = random.Chance(90) ? random.Text(25) : null,
            Date = new DateTimeOffset(2000 + random.Next(40), 1 + random.Next(12), 1 + random.Next(28), random.Next(24), random.Next(60), random.Next(60), TimeSpan.FromMinutes(15 * (random.Next(105) - 48))),
            MessageId = random.Chance(50) ? null : $"{seed}.{random.Next(100000)}@ids.example",
            InReplyTo = random.Chance(50) ? $"parent{random.Next(1000)}@ids.example" : null,
            TextBody = random.Chance(80) ? random.Body(html: false) : null,
            HtmlBody = random.Chance(50) ? random.Body(html: true) : null,
        };
        AddSome(random, builder.To, 4, utf8Local);
        AddSome(random, builder.Cc, 3, utf8Local);
        AddSome(random, builder.Bcc, 2, utf8Local);
        AddSome(random, builder.ReplyTo, 2, utf8Local);
        for (var i = random.Next(4); i > 0; i--)
        {
            builder.References.Add($"ref{i}.{random.Next(1000)}@ids.example");
        }

        var expectedParts = new List<(string Name, string Type, byte[] Content, string? ContentId)>();
        if (builder.HtmlBody is not null)
        {
            for (var i = random.Next(3); i > 0; i--)
            {
                var (name, type, content, id) = (random.FileName(), "image/png", random.Bytes(), $"img{i}.{seed}@cid.example");
                builder.AddInlineResource(id, name, type, content);
                expectedParts.Add((name, type, content, id));
            }
        }

        for (var i = random.Next(4); i > 0; i--)
        {
            var (name, type, content) = (random.FileName(), ContentTypes[random.Next(ContentTypes.Length)], random.Bytes());
            builder.AddAttachment(name, type, content);
            expectedParts.Add((name, type, content, null));
        }

        var bytes = builder.ToArray(options);
        ComposedOutput.AssertLines(bytes);
        ComposedOutput.AssertHeaderLinesFit(ComposedOutput.HeaderBlock(bytes));
        var message = MimeParser.Parse(bytes);

        Assert.Equal(builder.Subject?.Trim(' ', '\t'), message.Subject);
        AssertMailboxes([builder.From], message.From);
        AssertMailboxes(builder.Sender is null ? [] : [builder.Sender], message.Sender);
        AssertMailboxes(builder.To, message.To);
        AssertMailboxes(builder.Cc, message.Cc);
        AssertMailboxes(options.IncludeBcc ? builder.Bcc : [], message.Bcc);
        AssertMailboxes(builder.ReplyTo, message.ReplyTo);
        Assert.Equal(builder.Date, message.Date);
        Assert.Equal(builder.Date!.Value.Offset, message.Date!.Value.Offset);
        Assert.Equal(builder.MessageId, message.MessageId);
        Assert.Equal(builder.InReplyTo is null ? [] : [builder.InReplyTo], message.InReplyTo);
        Assert.Equal(builder.References, message.References);

        var noBody = builder.TextBody is null && builder.HtmlBody is null;
        var expectedText = builder.TextBody ?? (noBody && (expectedParts.Count == 0 || expectedParts.Any(p => p.ContentId is not null)) ? string.Empty : null);
        Assert.Equal(Canonical(expectedText), message.GetTextBody());
        Assert.Equal(Canonical(builder.HtmlBody), message.GetHtmlBody());

        Assert.Equal(expectedParts.Count, message.Attachments.Count);
        for (var i = 0; i < expectedParts.Count; i++)
        {
            var (name, type, content, id) = expectedParts[i];
            var actual = message.Attachments[i];
            Assert.Equal(name, actual.FileName);
            Assert.Equal(type, actual.ContentType);
            Assert.Equal(id, actual.ContentId);
            Assert.Equal(id is not null, actual.IsInline);
            Assert.Equal(SHA256.HashData(content), SHA256.HashData(actual.GetContent()));
        }
    }

    private static void AddSome(ComposeRandom random, IList<MailboxAddress> list, int max, bool utf8Local)
    {
        for (var i = random.Next(max + 1); i > 0; i--)
        {
            list.Add(random.Mailbox(!utf8Local));
        }
    }

    private static void AssertMailboxes(IEnumerable<MailboxAddress?> expected, IReadOnlyList<InternetAddress> actual)
    {
        var list = expected.ToList();
        Assert.Equal(list.Count, actual.Count);
        for (var i = 0; i < list.Count; i++)
        {
            HeaderRoundTripTests.AssertSameMailbox(list[i]!, actual[i]);
        }
    }

    // What a text body becomes: CRLF line breaks, ending in CRLF.
    private static string? Canonical(string? text) =>
        text is null ? null : Encoding.UTF8.GetString(LineBreaks.ToCrlfUtf8(text, terminate: true));
}
