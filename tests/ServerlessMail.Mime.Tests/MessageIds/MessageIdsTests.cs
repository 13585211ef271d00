using System.Text;

namespace ServerlessMail.Mime.Tests;

public sealed class MessageIdsTests
{
    public static TheoryData<string, string[]> Lists => new()
    {
        { "<a@example.com>", ["a@example.com"] },
        { " <a@example.com> ", ["a@example.com"] },
        { "<a@example.com> <b@example.com>", ["a@example.com", "b@example.com"] },
        { "<a@example.com><b@example.com>", ["a@example.com", "b@example.com"] },
        { "<a@example.com>\r\n <b@example.com>\r\n\t<c@example.com>", ["a@example.com", "b@example.com", "c@example.com"] },
        { "<a@example.com>\n <b@example.com>", ["a@example.com", "b@example.com"] },
        // Duplicates removed, first position kept; ids are case-sensitive.
        { "<a@x> <b@x> <a@x> <A@x>", ["a@x", "b@x", "A@x"] },
        // Comments anywhere, including ones holding brackets.
        { "(first) <a@x> (second <not@an.id>) <b@x>", ["a@x", "b@x"] },
        { "<a@x> (nested (comment <c@x>) here)", ["a@x"] },
        // In-Reply-To with phrases.
        { "<id@host> (John's message of \"Mon, 1 Jan 2001\")", ["id@host"] },
        { "Your message of \"Tue, 1 Jul 2003 10:52:37 +0200\" <id@host>", ["id@host"] },
        { "<id@host> from \"John\" <john-msg@host>", ["id@host", "john-msg@host"] },
        { "message from john@example.com on Monday <id@host>", ["id@host"] },
        // Junk between ids.
        { "<a@x>, <b@x>; <c@x>", ["a@x", "b@x", "c@x"] },
        { "junk <a@x> more junk <b@x> tail", ["a@x", "b@x"] },
        // Missing brackets around a bare id.
        { "a@example.com", ["a@example.com"] },
        { "  a@example.com  ", ["a@example.com"] },
        { "a@x b@x", ["a@x", "b@x"] },
        { "\"quoted local\"@example.com", ["\"quoted local\"@example.com"] },
        // Spaces inside brackets: trimmed, inner text kept; a fold inside an id is unfolded.
        { "< a@example.com >", ["a@example.com"] },
        { "<a b@example.com>", ["a b@example.com"] },
        { "<abc\r\n def@example.com>", ["abc def@example.com"] },
        // Quoted local parts, including brackets inside quotes.
        { "<\"a b\"@example.com>", ["\"a b\"@example.com"] },
        { "<\"a>b\"@example.com> <c@x>", ["\"a>b\"@example.com", "c@x"] },
        // Address literals and ids without @ inside brackets.
        { "<a@[192.0.2.1]>", ["a@[192.0.2.1]"] },
        { "<1234567890>", ["1234567890"] },
        // Unclosed bracket: its first word, and the next id is still found.
        { "<a@x <b@x>", ["a@x", "b@x"] },
        { "<a@x", ["a@x"] },
        // An unclosed quote is only a stray byte.
        { "\"unclosed <a@x>", ["a@x"] },
        // UTF-8 (RFC 6532).
        { "<jörg@example.com>", ["jörg@example.com"] },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public void ParseList_ReturnsIdsInOrder(string input, string[] expected)
    {
        Assert.Equal(expected, MessageIds.ParseList(Encoding.UTF8.GetBytes(input)));
    }

    [Fact]
    public void ParseList_EightBitNotUtf8_FallsBackToWindows1252()
    {
        byte[] raw = [(byte)'<', (byte)'c', (byte)'a', (byte)'f', 0xE9, (byte)'@', (byte)'x', (byte)'>'];

        Assert.Equal(["café@x"], MessageIds.ParseList(raw));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("<>")]
    [InlineData("< >")]
    [InlineData("(only a comment <a@x>)")]
    [InlineData("no ids here")]
    [InlineData("\"a@x\"")]
    [InlineData("@x")]
    [InlineData("a@")]
    [InlineData("<")]
    [InlineData(">")]
    public void ParseList_NoIds_ReturnsEmpty(string input)
    {
        Assert.Empty(MessageIds.ParseList(Encoding.UTF8.GetBytes(input)));
    }

    [Theory]
    [InlineData("\"\\")]
    [InlineData("<\"\\")]
    [InlineData("x\"\\")]
    public void ParseList_ManyUnclosedQuotes_StaysLinear(string unit)
    {
        var input = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(unit, 100_000)) + " <a@x>");
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var ids = MessageIds.ParseList(input);

        Assert.Contains("a@x", ids);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Theory]
    [InlineData("<a@x> <b@x>", "a@x")]
    [InlineData("(c) <a@x>", "a@x")]
    [InlineData("john@example.com's message <id@host>", "id@host")]
    [InlineData("bare@host", "bare@host")]
    [InlineData("", null)]
    [InlineData("junk", null)]
    public void ParseFirst_ReturnsFirstId(string input, string? expected)
    {
        Assert.Equal(expected, MessageIds.ParseFirst(Encoding.UTF8.GetBytes(input)));
    }

    [Fact]
    public void Generate_ProducesUniqueWellFormedIds()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => MessageIds.Generate("mail.example.com")).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        foreach (var id in ids)
        {
            Assert.EndsWith("@mail.example.com", id, StringComparison.Ordinal);
            Assert.DoesNotContain('<', id);
            var left = id[..id.IndexOf('@', StringComparison.Ordinal)];
            Assert.Matches("^[a-z2-7]{16}\\.[a-z2-7]+$", left);
            Assert.Equal(id, MessageIds.ParseFirst(Encoding.UTF8.GetBytes("<" + id + ">")));
        }
    }

    [Theory]
    [InlineData("bücher.example", "@xn--bcher-kva.example")]
    [InlineData("[192.0.2.1]", "@[192.0.2.1]")]
    [InlineData("localhost", "@localhost")]
    public void Generate_WritesDomainInAsciiForm(string domain, string suffix)
    {
        Assert.EndsWith(suffix, MessageIds.Generate(domain), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("a b.example")]
    [InlineData("a@b.example")]
    [InlineData("a<b>.example")]
    [InlineData(".example")]
    [InlineData("a..example")]
    [InlineData("[1.2.3.4")]
    public void Generate_BadDomain_Throws(string domain)
    {
        Assert.ThrowsAny<ArgumentException>(() => MessageIds.Generate(domain));
    }
}
