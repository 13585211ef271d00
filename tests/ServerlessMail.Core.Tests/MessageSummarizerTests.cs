using ServerlessMail.Mime;

namespace ServerlessMail.Core.Tests;

public sealed class MessageSummarizerTests
{
    [Fact]
    public void AnOrdinaryMessageIsSummarisedWhole()
    {
        var parsed = Parse(builder =>
        {
            builder.Subject = "Lunch on Friday";
            builder.To.Add(new MailboxAddress("Bob", "bob", "example.com"));
            builder.Cc.Add(new MailboxAddress(null, "carol", "example.com"));
            builder.ReplyTo.Add(new MailboxAddress(null, "replies", "example.com"));
            builder.InReplyTo = "parent@example.com";
            builder.References.Add("root@example.com");
            builder.References.Add("parent@example.com");
            builder.TextBody = "Shall we try the new place?";
            builder.AddAttachment("menu.pdf", "application/pdf", "%PDF"u8.ToArray());
        });

        var summary = parsed.Summary;
        Assert.Equal("Lunch on Friday", summary.Subject);
        Assert.Equal([new AddressSummary("Alice", "alice@example.com")], summary.From);
        Assert.Equal([new AddressSummary("Bob", "bob@example.com")], summary.To);
        Assert.Equal([new AddressSummary(null, "carol@example.com")], summary.Cc);
        Assert.Equal([new AddressSummary(null, "replies@example.com")], summary.ReplyTo);
        Assert.Equal("m1@example.com", summary.MessageIdHeader);
        Assert.Equal(["parent@example.com"], summary.InReplyTo);
        Assert.Equal(["root@example.com", "parent@example.com"], summary.References);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero), summary.Date);
        Assert.StartsWith("Shall we try the new place?", summary.Preview, StringComparison.Ordinal);
        var attachment = Assert.Single(summary.Attachments);
        Assert.Equal(("menu.pdf", "application/pdf", "attachment"), (attachment.FileName, attachment.ContentType, attachment.Disposition));
        Assert.NotEmpty(parsed.Structure);
    }

    [Fact]
    public void ALongSubjectIsCut()
    {
        var subject = string.Join(' ', Enumerable.Range(0, 600).Select(i => $"w{i}"));

        var summary = Parse(builder => builder.Subject = subject).Summary;

        Assert.Equal(ModelLimits.Subject, summary.Subject!.Length);
        Assert.Equal(subject[..ModelLimits.Subject], summary.Subject);
    }

    [Fact]
    public void LongAddressListsAreCutToTheLimit()
    {
        var summary = Parse(builder =>
        {
            for (var i = 0; i < 150; i++)
            {
                builder.To.Add(new MailboxAddress(null, $"to{i}", "example.com"));
                builder.Cc.Add(new MailboxAddress(null, $"cc{i}", "example.com"));
            }
        }).Summary;

        Assert.Equal(ModelLimits.AddressesPerField, summary.To.Count);
        Assert.Equal(ModelLimits.AddressesPerField, summary.Cc.Count);
        Assert.Equal("to0@example.com", summary.To[0].Address);
        Assert.Equal($"to{ModelLimits.AddressesPerField - 1}@example.com", summary.To[^1].Address);
    }

    [Fact]
    public void ALongDisplayNameIsCut()
    {
        var summary = Parse(builder => builder.To.Add(new MailboxAddress(new string('n', 500), "bob", "example.com"))).Summary;

        Assert.Equal(new string('n', ModelLimits.DisplayName), Assert.Single(summary.To).Name);
    }

    [Fact]
    public void LongReferenceChainsKeepTheRootAndTheMostRecent()
    {
        var ids = Enumerable.Range(0, 80).Select(i => $"r{i}@example.com").ToList();

        var summary = Parse(builder =>
        {
            foreach (var id in ids)
            {
                builder.References.Add(id);
            }
        }).Summary;

        Assert.Equal(ModelLimits.References, summary.References.Count);
        Assert.Equal(ids[0], summary.References[0]);
        Assert.Equal(ids.Skip(ids.Count - (ModelLimits.References - 1)), summary.References.Skip(1));
    }

    [Fact]
    public void ThePreviewIsShort()
    {
        var summary = Parse(builder => builder.TextBody = string.Concat(Enumerable.Repeat("All work and no play. ", 200))).Summary;

        Assert.InRange(summary.Preview.Length, 1, MessageSummarizer.PreviewLength);
    }

    [Fact]
    public void ParsingStartsAtTheStreamsPosition()
    {
        var raw = Build(builder => builder.Subject = "Offset");
        var padded = new MemoryStream([.. "garbage"u8, .. raw]) { Position = 7 };

        var parsed = MessageSummarizer.Parse(padded);

        Assert.Equal("Offset", parsed.Summary.Subject);
        Assert.Equal(raw.Length, MimeStructureCodec.Deserialize(parsed.Structure).Length);
    }

    private static ParsedMail Parse(Action<MessageBuilder> configure) => MessageSummarizer.Parse(new MemoryStream(Build(configure)));

    private static byte[] Build(Action<MessageBuilder> configure)
    {
        var builder = new MessageBuilder
        {
            From = new MailboxAddress("Alice", "alice", "example.com"),
            Subject = "Hello",
            TextBody = "Hi.",
            Date = new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero),
            MessageId = "m1@example.com",
        };
        configure(builder);
        if (builder.To.Count == 0)
        {
            builder.To.Add(new MailboxAddress(null, "someone", "example.com"));
        }

        return builder.ToArray();
    }
}
