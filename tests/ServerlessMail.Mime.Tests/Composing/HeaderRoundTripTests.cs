using System.Text;

namespace ServerlessMail.Mime.Tests.Composing;

/// <summary>What the header composer writes, the library's own decoders read back unchanged.</summary>
public class HeaderRoundTripTests
{
    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 300)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Subject_DecodesBack(int seed)
    {
        var random = new ComposeRandom(seed);
        var subject = random.Text(30);
        foreach (var utf8 in new[] { false, true })
        {
            var folder = new HeaderFolder("Subject");
            HeaderComposer.WriteUnstructured(folder, subject, utf8, customField: false);
            var field = folder.Complete();
            ComposedOutput.AssertHeaderLinesFit(field);
            var raw = Encoding.UTF8.GetBytes(field["Subject:".Length..^2]);
            Assert.Equal(subject.Trim(' ', '\t'), EncodedWords.DecodeUnstructured(raw));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AddressList_ParsesBack(int seed)
    {
        var random = new ComposeRandom(seed);
        var mailboxes = Enumerable.Range(0, random.Next(6) + 1).Select(_ => random.Mailbox(asciiLocal: false)).ToList();
        foreach (var utf8 in new[] { false, true })
        {
            if (!utf8 && mailboxes.Any(m => m.HasInternationalLocalPart))
            {
                continue;
            }

            var folder = new HeaderFolder("To");
            HeaderComposer.WriteMailboxList(folder, mailboxes, utf8, "To");
            var field = folder.Complete();
            ComposedOutput.AssertHeaderLinesFit(field);
            Assert.True(utf8 || Ascii.IsValid(field));
            var parsed = AddressParser.ParseList(Encoding.UTF8.GetBytes(field["To:".Length..^2]));
            Assert.Equal(mailboxes.Count, parsed.Count);
            for (var i = 0; i < mailboxes.Count; i++)
            {
                AssertSameMailbox(mailboxes[i], parsed[i]);
            }
        }
    }

    internal static void AssertSameMailbox(MailboxAddress expected, InternetAddress actual)
    {
        var mailbox = Assert.IsType<MailboxAddress>(actual);
        Assert.Equal(expected.Name, mailbox.Name);
        Assert.Equal(expected.LocalPart, mailbox.LocalPart);
        Assert.Equal(expected.AsciiDomain, mailbox.AsciiDomain, ignoreCase: true);
    }
}
