using System.Text;

namespace ServerlessMail.Mime.Tests.Composing;

public class HeaderComposerTests
{
    public static TheoryData<string, bool, string> Subjects => new()
    {
        { "Hello world", false, "Subject: Hello world\r\n" },
        { "", false, "Subject:\r\n" },
        { "x\ty  z", false, "Subject: x\ty  z\r\n" },
        { "Re: [list] 50% off!", false, "Subject: Re: [list] 50% off!\r\n" },

        // Latin-1: only the words that need it are encoded; neighbours that both need it share one word.
        { "Gr\u00fc\u00dfe aus K\u00f6ln", false, "Subject: =?utf-8?B?R3LDvMOfZQ==?= aus =?utf-8?B?S8O2bG4=?=\r\n" },
        { "Caf\u00e9 cr\u00e8me", false, "Subject: =?utf-8?B?Q2Fmw6kgY3LDqG1l?=\r\n" },
        { "Gr\u00fc\u00dfe aus K\u00f6ln", true, "Subject: Gr\u00fc\u00dfe aus K\u00f6ln\r\n" },

        // CJK and emoji.
        { "\u65e5\u672c\u8a9e", false, "Subject: =?utf-8?B?5pel5pys6Kqe?=\r\n" },
        { "Party \U0001F389", false, "Subject: Party =?utf-8?B?8J+OiQ==?=\r\n" },
        { "Party \U0001F389", true, "Subject: Party \U0001F389\r\n" },

        // Text that a decoder would take for an encoded-word is encoded so that it comes back as written.
        { "a =?utf-8?Q?x?= b", false, "Subject: a =?utf-8?B?PT91dGYtOD9RP3g/PQ==?= b\r\n" },

        // Control characters cannot appear raw (RFC 5322 §3.2.5 unstructured is VCHAR and WSP).
        { "a\u0001b", false, "Subject: =?utf-8?B?YQFi?=\r\n" },
        { "abcdefgh\u0001", true, "Subject: =?utf-8?Q?abcdefgh=01?=\r\n" },
    };

    [Theory]
    [MemberData(nameof(Subjects))]
    public void WriteUnstructured_Table(string subject, bool utf8, string expected) =>
        Assert.Equal(expected, Render("Subject", folder => HeaderComposer.WriteUnstructured(folder, subject, utf8, customField: false)));

    [Fact]
    public void WriteUnstructured_LongAsciiSubject_FoldsAtSpacesOnly()
    {
        var subject = string.Join(' ', Enumerable.Range(0, 40).Select(i => "word" + i));
        var field = Render("Subject", folder => HeaderComposer.WriteUnstructured(folder, subject, false, false));
        ComposedOutput.AssertHeaderLinesFit(field);
        Assert.True(field.Split("\r\n").Length > 3);
        Assert.DoesNotContain("=?", field, StringComparison.Ordinal);
        Assert.Equal("Subject: " + subject, ComposedOutput.Unfold(field));
    }

    [Theory]
    [InlineData("x", 100)]
    [InlineData("\u00e9", 100)]
    [InlineData("\u65e5", 300)]
    [InlineData("\U0001F468\u200D\U0001F469\u200D\U0001F467", 40)]
    public void WriteUnstructured_WordTooLongForALine_IsEncodedInPieces(string unit, int count)
    {
        var word = string.Concat(Enumerable.Repeat(unit, count));
        foreach (var utf8 in new[] { false, true })
        {
            var subject = "Before " + word + " after";
            var field = Render("Subject", folder => HeaderComposer.WriteUnstructured(folder, subject, utf8, false));
            ComposedOutput.AssertHeaderLinesFit(field);
            Assert.Equal(" " + subject, ComposedOutput.DecodeWords(ComposedOutput.Unfold(field)["Subject:".Length..]));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void WriteUnstructured_RandomText_DecodesBackWithinLines(int seed)
    {
        var random = new Random(seed);
        var pieces = new[] { "a", "Re:", "word", " ", " ", "  ", "\t", "=?", "?=", "_", "\u00e9", "\u00fc", "\u65e5\u672c", "\U0001F600", "\u0627\u0644", "(x)", "\"q\"", new string('z', 90) };
        for (var round = 0; round < 100; round++)
        {
            var subject = string.Concat(Enumerable.Range(0, random.Next(0, 40)).Select(_ => pieces[random.Next(pieces.Length)]));
            var utf8 = random.Next(2) == 0;
            var field = Render("Subject", folder => HeaderComposer.WriteUnstructured(folder, subject, utf8, false));
            ComposedOutput.AssertHeaderLinesFit(field);
            Assert.True(utf8 || Ascii.IsValid(field), field);
            var expected = subject.Length == 0 ? string.Empty : " " + subject;
            Assert.Equal(expected, ComposedOutput.DecodeWords(ComposedOutput.Unfold(field)["Subject:".Length..]));
        }
    }

    [Fact]
    public void WriteUnstructured_CustomField_LeavesAsciiAlone()
    {
        var value = "<https://example.com/unsubscribe?id=" + new string('a', 120) + "> =?utf-8?Q?kept?=";
        var field = Render("List-Unsubscribe", folder => HeaderComposer.WriteUnstructured(folder, value, false, customField: true));
        Assert.Equal("List-Unsubscribe: " + value, ComposedOutput.Unfold(field));
    }

    public static TheoryData<string?, bool, string> Names => new()
    {
        { null, false, "a@b.example" },
        { "John Doe", false, "John Doe <a@b.example>" },
        { "O'Brien", false, "O'Brien <a@b.example>" },
        { "Doe, John", false, "\"Doe, John\" <a@b.example>" },
        { "John Q. Public", false, "\"John Q. Public\" <a@b.example>" },
        { "Say \"hi\"", false, "\"Say \\\"hi\\\"\" <a@b.example>" },
        { "back\\slash", false, "\"back\\\\slash\" <a@b.example>" },
        { "user@host", false, "\"user@host\" <a@b.example>" },
        { " padded  name ", false, "\" padded  name \" <a@b.example>" },
        { "Jos\u00e9 Smith", false, "=?utf-8?B?Sm9zw6k=?= Smith <a@b.example>" },
        { "Jos\u00e9 Smith", true, "Jos\u00e9 Smith <a@b.example>" },
        { "Doe, Jos\u00e9", false, "=?utf-8?Q?Doe=2C_Jos=C3=A9?= <a@b.example>" },
        { "Doe, Jos\u00e9", true, "\"Doe, Jos\u00e9\" <a@b.example>" },
        { "\u7530\u4e2d \u592a\u90ce", false, "=?utf-8?B?55Sw5LitIOWkqumDjg==?= <a@b.example>" },
        { "\U0001F600 Smiley", false, "=?utf-8?B?8J+YgA==?= Smiley <a@b.example>" },
        { "=?utf-8?Q?Fake?=", false, "=?utf-8?B?PT91dGYtOD9RP0Zha2U/PQ==?= <a@b.example>" },
        { "=?utf-8?Q?Fake?=", true, "=?utf-8?B?PT91dGYtOD9RP0Zha2U/PQ==?= <a@b.example>" },
        { "tab\there", false, "=?utf-8?Q?tab=09here?= <a@b.example>" },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void WriteMailbox_DisplayNames(string? name, bool utf8, string expected)
    {
        var field = Render("From", folder => HeaderComposer.WriteMailbox(folder, " ", new MailboxAddress(name, "a", "b.example"), utf8, "From"));
        Assert.Equal("From: " + expected + "\r\n", field);
    }

    [Fact]
    public void WriteMailbox_LongNonAsciiName_FoldsBetweenEncodedWords()
    {
        var name = string.Concat(Enumerable.Repeat("M\u00fcller-L\u00fcdenscheidt ", 8)).TrimEnd();
        var field = Render("From", folder => HeaderComposer.WriteMailbox(folder, " ", new MailboxAddress(name, "a", "b.example"), false, "From"));
        ComposedOutput.AssertHeaderLinesFit(field);
        Assert.True(Ascii.IsValid(field));
        Assert.Equal(" " + name + " <a@b.example>", ComposedOutput.DecodeWords(ComposedOutput.Unfold(field)["From:".Length..]));
    }

    public static TheoryData<string, string, bool, string> AddrSpecs => new()
    {
        { "john.doe", "example.com", false, "john.doe@example.com" },
        { "john+tag", "example.com", false, "john+tag@example.com" },
        { "john doe", "example.com", false, "\"john doe\"@example.com" },
        { ".john", "example.com", false, "\".john\"@example.com" },
        { "a..b", "example.com", false, "\"a..b\"@example.com" },
        { "a\"b", "example.com", false, "\"a\\\"b\"@example.com" },
        { "a(b)", "example.com", false, "\"a(b)\"@example.com" },
        { "user", "b\u00fccher.example", false, "user@xn--bcher-kva.example" },
        { "user", "b\u00fccher.example", true, "user@b\u00fccher.example" },
        { "user", "xn--bcher-kva.example", true, "user@xn--bcher-kva.example" },
        { "\u7528\u6237", "\u4f8b\u5b50.\u6d4b\u8bd5", true, "\u7528\u6237@\u4f8b\u5b50.\u6d4b\u8bd5" },
        { "postmaster", "[192.0.2.1]", false, "postmaster@[192.0.2.1]" },
    };

    [Theory]
    [MemberData(nameof(AddrSpecs))]
    public void FormatAddrSpec_Table(string local, string domain, bool utf8, string expected) =>
        Assert.Equal(expected, HeaderComposer.FormatAddrSpec(new MailboxAddress(null, local, domain), utf8, "To"));

    [Fact]
    public void FormatAddrSpec_Utf8LocalPartWithoutSmtpUtf8_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => HeaderComposer.FormatAddrSpec(new MailboxAddress(null, "\u7528\u6237", "example.com"), false, "Cc[1]"));
        Assert.Contains("Cc[1]", error.Message, StringComparison.Ordinal);
        Assert.Contains("SMTPUTF8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteMailboxList_FoldsAfterCommas()
    {
        var mailboxes = Enumerable.Range(0, 12).Select(i => new MailboxAddress("Person Number " + i, "person" + i, "example.com")).ToList();
        var field = Render("To", folder => HeaderComposer.WriteMailboxList(folder, mailboxes, false, "To"));
        ComposedOutput.AssertHeaderLinesFit(field);
        var lines = field.Split("\r\n")[..^1];
        Assert.True(lines.Length > 4);
        Assert.All(lines[..^1], line => Assert.EndsWith(",", line, StringComparison.Ordinal));
        Assert.All(lines[1..], line => Assert.StartsWith(" Person Number", line, StringComparison.Ordinal));
        Assert.Equal("To: " + string.Join(", ", mailboxes.Select(m => $"{m.Name} <{m.Address}>")), ComposedOutput.Unfold(field));
    }

    [Fact]
    public void WriteIds_FoldsBetweenIds()
    {
        var ids = Enumerable.Range(0, 10).Select(i => $"id-{i}-{new string('x', 20)}@host.example").ToList();
        var field = Render("References", folder => HeaderComposer.WriteIds(folder, ids));
        ComposedOutput.AssertHeaderLinesFit(field);
        Assert.Equal("References: " + string.Join(' ', ids.Select(id => "<" + id + ">")), ComposedOutput.Unfold(field));
    }

    [Fact]
    public void Folder_NeverFoldsBeforeTheFirstToken()
    {
        var token = new string('x', 100);
        Assert.Equal("Subject: " + token + "\r\n", Render("Subject", folder => folder.Append(" ", token)));
    }

    [Fact]
    public void Folder_RefusesALineOver998Octets()
    {
        var folder = new HeaderFolder("X-Long");
        folder.Append(" ", new string('x', 991));
        var error = Assert.Throws<ArgumentException>(folder.Complete);
        Assert.Contains("X-Long", error.Message, StringComparison.Ordinal);
    }

    private static string Render(string name, Action<HeaderFolder> write)
    {
        var folder = new HeaderFolder(name);
        write(folder);
        return folder.Complete();
    }
}
