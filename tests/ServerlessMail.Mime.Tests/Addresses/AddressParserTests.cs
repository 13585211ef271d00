using System.Text;

namespace ServerlessMail.Mime.Tests;

public sealed class AddressParserTests
{
    public static TheoryData<string, string> Valid => new()
    {
        // Plain mailboxes.
        { "a@b.example", "|a|b.example" },
        { "  a@b.example  ", "|a|b.example" },
        { "Alice <alice@example.com>", "Alice|alice|example.com" },
        { "<alice@example.com>", "|alice|example.com" },
        { "\"Quoted, Name\" <a@example.com>", "Quoted, Name|a|example.com" },
        { "\"Bob \\\"the builder\\\"\" <bob@example.com>", "Bob \"the builder\"|bob|example.com" },
        { "John Q. Public <john@example.com>", "John Q. Public|john|example.com" },
        { "Alice\r\n <alice@example.com>,\r\n\tBob <bob@example.com>", "Alice|alice|example.com ;; Bob|bob|example.com" },
        { "Alice\n <alice@example.com>", "Alice|alice|example.com" },
        { "a@b.example\r\n", "|a|b.example" },
        // Encoded display names, also inside quotes (RFC 2047 §5 (3)); a decoded comma does not split.
        { "=?utf-8?Q?J=C3=B6rg?= <a@example.com>", "Jörg|a|example.com" },
        { "\"=?utf-8?Q?J=C3=B6rg?=\" <a@example.com>", "Jörg|a|example.com" },
        { "=?utf-8?q?Smith=2C_John?= <j@example.com>", "Smith, John|j|example.com" },
        { "Jörg Müller <jm@example.com>", "Jörg Müller|jm|example.com" },
        // Comments anywhere; with no phrase the comment is the name (RFC 2047 §5 (2) words decoded).
        { "a@example.com (Alice)", "Alice|a|example.com" },
        { "(Alice) a@example.com", "Alice|a|example.com" },
        { "a@example.com (=?utf-8?q?J=C3=B6rg?=)", "Jörg|a|example.com" },
        { "a@example.com (Alice \\(A\\) Smith)", "Alice (A) Smith|a|example.com" },
        { "<a@example.com> (Alice)", "Alice|a|example.com" },
        { "Bob (work) <b@example.com>", "Bob|b|example.com" },
        { "Bob (work) Smith <b@example.com>", "Bob Smith|b|example.com" },
        { "alice(@evil.example)@example.com", "@evil.example|alice|example.com" },
        { "alice@example.com(@evil.example)", "@evil.example|alice|example.com" },
        // RFC 5322 appendix A.1.2, A.1.3, A.5.
        { "Mary Smith <mary@x.test>, jdoe@example.org, Who? <one@y.test>", "Mary Smith|mary|x.test ;; |jdoe|example.org ;; Who?|one|y.test" },
        { "<boss@nil.test>, \"Giant; \\\"Big\\\" Box\" <sysservices@example.net>", "|boss|nil.test ;; Giant; \"Big\" Box|sysservices|example.net" },
        {
            "A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;",
            "group:A Group[Ed Jones|c|a.test; |joe|where.test; John|jdoe|one.test]"
        },
        { "Undisclosed recipients:;", "group:Undisclosed recipients[]" },
        { "Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>", "Pete|pete|silly.test" },
        {
            "A Group(Some people)\r\n     :Chris Jones <c@(Chris's host.)public.example>,\r\n         joe@example.org,\r\n  John <jdoe@one.test> (my dear friend); (the end of the group)",
            "group:A Group[Chris Jones|c|public.example; |joe|example.org; John|jdoe|one.test]"
        },
        { "(Empty list)(start)Hidden recipients  :(nobody(that I know))  ;", "group:Hidden recipients[]" },
        // Groups.
        { "Team: a@b.example, c@d.example;", "group:Team[|a|b.example; |c|d.example]" },
        { "undisclosed-recipients:;", "group:undisclosed-recipients[]" },
        { "Team: a@b.example, c@d.example", "group:Team[|a|b.example; |c|d.example]" },
        { "Team: a@b.example; c@d.example", "group:Team[|a|b.example] ;; |c|d.example" },
        { "x@y.example, Team: a@b.example;, z@y.example", "|x|y.example ;; group:Team[|a|b.example] ;; |z|y.example" },
        { "\"The Team\": <a@b.example>;", "group:The Team[|a|b.example]" },
        { "=?utf-8?q?=C3=89quipe?=: a@b.example;", "group:Équipe[|a|b.example]" },
        // Obsolete routes: kept, but the address is the one after the colon (RFC 5322 §4.4).
        { "<@route1,@route2:a@b.example>", "|a|b.example|@route1,@route2" },
        { "Joe <@r1.example, ,@[192.0.2.9] : joe@b.example>", "Joe|joe|b.example|@r1.example,@[192.0.2.9]" },
        // Obsolete local parts and domains (RFC 5322 §4.4).
        { "john . doe @ example . com", "|john.doe|example.com" },
        { "john..doe@example.com", "|john..doe|example.com" },
        { "taro.@docomo.ne.jp", "|taro.|docomo.ne.jp" },
        { ".taro@docomo.ne.jp", "|.taro|docomo.ne.jp" },
        { "\"john\".doe@example.com", "|john.doe|example.com" },
        // IDN domains kept as written; UTF-8 local parts (RFC 6532).
        { "user@xn--bcher-kva.example", "|user|xn--bcher-kva.example" },
        { "user@bücher.example", "|user|bücher.example" },
        { "jörg@example.com", "|jörg|example.com" },
        { "用户@例子.广告", "|用户|例子.广告" },
        // Quoted local parts and address literals.
        { "\"john doe\"@example.com", "|john doe|example.com" },
        { "\"\"@example.com", "||example.com" },
        { "a@[192.0.2.1]", "|a|[192.0.2.1]" },
        { "a@[ 192.0.2.1 ]", "|a|[192.0.2.1]" },
        { "a@[IPv6:2001:db8::1]", "|a|[IPv6:2001:db8::1]" },
        // Empty elements, trailing commas, semicolons as separators.
        { "a@b.example,,c@d.example", "|a|b.example ;; |c|d.example" },
        { "a@b.example,", "|a|b.example" },
        { ", a@b.example , ,", "|a|b.example" },
        { "a@b.example; c@d.example;", "|a|b.example ;; |c|d.example" },
        { "\"Smith, John\" <john@example.com>; \"Doe, Jane\" <jane@example.com>", "Smith, John|john|example.com ;; Doe, Jane|jane|example.com" },
        { "(just a comment)", "" },
        { "", "" },
        // The null address, on its own.
        { "<>", "||" },
        // The common obsolete form with an unquoted '@' in the name: clients show the name as text and use the address.
        { "alice@example.com <bob@evil.example>", "alice@example.com|bob|evil.example" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void ParseList_Valid(string input, string expected)
    {
        Assert.Equal(expected, AddressRendering.Render(AddressParser.ParseList(input)));
        Assert.Equal(expected, AddressRendering.Render(AddressParser.ParseList(Encoding.UTF8.GetBytes(input))));
    }

    public static TheoryData<string, string> Bad => new()
    {
        { "alice", "invalid:alice" },
        { "\"Bob\"", "invalid:\"Bob\"" },
        { "Bob Smith", "invalid:Bob Smith" },
        { "@example.com", "invalid:@example.com" },
        { "alice@", "invalid:alice@" },
        { "alice@.example.com", "invalid:alice@.example.com" },
        { "alice@example..com", "invalid:alice@example..com" },
        { "alice@example.com.", "invalid:alice@example.com." },
        { "john doe@example.com", "invalid:john doe@example.com" },
        { "\"john\"doe@example.com", "invalid:\"john\"doe@example.com" },
        { "a@b c", "invalid:a@b c" },
        { "[a]@b.example", "invalid:[a]@b.example" },
        { "a@\"b\".example", "invalid:a@\"b\".example" },
        { ":", "invalid::" },
        { "<<a@b.example>>", "invalid:<<a@b.example>>" },
        { "<a@b.example>>", "invalid:<a@b.example>>" },
        { "Bob <a@b.example> Carol", "invalid:Bob <a@b.example> Carol" },
        { "Bob <a@b.example> <c@d.example>", "invalid:Bob <a@b.example> <c@d.example>" },
        { "Bob <a>", "invalid:Bob <a>" },
        { "Team: a@b.example, Inner: c@d.example;;", "group:Team[|a|b.example; invalid:Inner: c@d.example]" },
        // One bad piece does not disturb its neighbours.
        { "a@b.example, junk, c@d.example", "|a|b.example ;; invalid:junk ;; |c|d.example" },
        { "a@b.example, \"bad\x01\" <x@y.example>, c@d.example", "|a|b.example ;; invalid:\"bad\x01\" <x@y.example> ;; |c|d.example" },
        // A folded invalid piece is kept unfolded.
        { "broken\r\n piece", "invalid:broken piece" },
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public void ParseList_BadInput_KeepsRawPieces(string input, string expected)
    {
        Assert.Equal(expected, AddressRendering.Render(AddressParser.ParseList(input)));
    }

    [Fact]
    public void ParseList_InvalidUtf8_DoesNotThrow()
    {
        byte[] raw = [0xFF, 0xFE, (byte)'@', (byte)'x', (byte)',', (byte)' ', (byte)'a', (byte)'@', (byte)'b'];

        var list = AddressParser.ParseList(raw);

        Assert.Equal(2, list.Count);
        Assert.Equal("b", Assert.IsType<MailboxAddress>(list[1]).Domain);
    }

    [Fact]
    public void ParseList_LargeList_IsParsedInFull()
    {
        var input = string.Join(", ", Enumerable.Range(0, 5000).Select(i => $"User {i} <u{i}@example.com>"));

        var list = AddressParser.ParseList(input);

        Assert.Equal(5000, list.Count);
        Assert.Equal("u4999@example.com", Assert.IsType<MailboxAddress>(list[^1]).Address);
    }

    [Fact]
    public void ParseList_DeeplyNestedComment_DoesNotThrow()
    {
        var input = "a@b.example " + new string('(', 100_000) + new string(')', 100_000) + ", c@d.example";

        var list = AddressParser.ParseList(input);

        Assert.Equal(2, list.Count);
        Assert.Equal("a@b.example", Assert.IsType<MailboxAddress>(list[0]).Address);
        Assert.Equal("c@d.example", Assert.IsType<MailboxAddress>(list[1]).Address);
    }

    [Fact]
    public void ParseList_ManyColonsAfterManyWords_StaysLinear()
    {
        // Each colon asks "is this a group name?"; the answer must not rescan the piece.
        var input = string.Concat(Enumerable.Repeat("a ", 50_000)) + "@ " + new string(':', 50_000);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var list = AddressParser.ParseList(input);

        Assert.IsType<InvalidAddress>(Assert.Single(list));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Theory]
    [InlineData("a@b.example", "a@b.example")]
    [InlineData("\"john doe\"@example.com", "\"john doe\"@example.com")]
    [InlineData("\"alice@example.com\"@evil.example", "\"alice@example.com\"@evil.example")]
    [InlineData("\"a\\\"b\"@example.com", "\"a\\\"b\"@example.com")]
    [InlineData("\"a\\\\b\"@example.com", "\"a\\\\b\"@example.com")]
    [InlineData("\"john\".doe@example.com", "john.doe@example.com")]
    [InlineData("john..doe@example.com", "\"john..doe\"@example.com")]
    [InlineData("jörg@example.com", "jörg@example.com")]
    [InlineData("<>", "")]
    public void Address_QuotesLocalPartWhenNeeded_AndRoundTrips(string input, string expected)
    {
        var mailbox = Assert.IsType<MailboxAddress>(Assert.Single(AddressParser.ParseList(input)));

        Assert.Equal(expected, mailbox.Address);
        if (expected.Length > 0)
        {
            var again = Assert.IsType<MailboxAddress>(Assert.Single(AddressParser.ParseList(mailbox.Address)));
            Assert.Equal(mailbox.LocalPart, again.LocalPart);
            Assert.Equal(mailbox.Domain, again.Domain);
        }
    }

    [Theory]
    [InlineData("u@bücher.example", "xn--bcher-kva.example", "bücher.example")]
    [InlineData("u@xn--bcher-kva.example", "xn--bcher-kva.example", "bücher.example")]
    [InlineData("u@XN--BCHER-KVA.example", "XN--BCHER-KVA.example", "bücher.example")]
    [InlineData("u@example.com", "example.com", "example.com")]
    [InlineData("u@[192.0.2.1]", "[192.0.2.1]", "[192.0.2.1]")]
    // Malformed punycode never decodes into a different-looking name.
    [InlineData("u@xn--a.com", "xn--a.com", "xn--a.com")]
    [InlineData("u@xn--0049.com", "xn--0049.com", "xn--0049.com")]
    [InlineData("u@exa_mple.com", "exa_mple.com", "exa_mple.com")]
    public void Domain_AsciiAndUnicodeForms(string input, string ascii, string unicode)
    {
        var mailbox = Assert.IsType<MailboxAddress>(Assert.Single(AddressParser.ParseList(input)));

        Assert.Equal(ascii, mailbox.AsciiDomain);
        Assert.Equal(unicode, mailbox.UnicodeDomain);
    }

    [Theory]
    [InlineData("jörg@example.com", true)]
    [InlineData("jorg@bücher.example", false)]
    public void HasInternationalLocalPart(string input, bool expected)
    {
        var mailbox = Assert.IsType<MailboxAddress>(Assert.Single(AddressParser.ParseList(input)));

        Assert.Equal(expected, mailbox.HasInternationalLocalPart);
    }
}
