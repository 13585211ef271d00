using System.Text;

namespace ServerlessMail.Mime.Tests;

/// <summary>
/// Parser-confusion attacks: each input is something another parser has been tricked into reading as a different
/// address ("Splitting the email atom", Gareth Heyes 2024; Mailsploit 2017; nodemailer GHSA-9h6g-pr28-7cqp and its
/// follow-up; CPython gh-152519). The result asserted is what a person reading the header sees: either the same
/// mailbox, or the raw text kept as an invalid piece. Nothing is decoded inside an addr-spec (RFC 2047 §5).
/// </summary>
public sealed class AddressParserSecurityTests
{
    public static TheoryData<string, string> Attacks => new()
    {
        // A second '@': not an address at all.
        { "alice@example.com@evil.com", "invalid:alice@example.com@evil.com" },
        { "alice@[example.com]@evil.com", "invalid:alice@[example.com]@evil.com" },
        // A route with nothing after it is not a mailbox; the name must never become the address.
        { "\"alice@example.com\" <@evil.com>", "invalid:\"alice@example.com\" <@evil.com>" },
        { "\"alice@example.com\" <@evil.com,>", "invalid:\"alice@example.com\" <@evil.com,>" },
        { "<@evil.com,alice@example.com>", "invalid:<@evil.com,alice@example.com>" },
        // A valid route is display-only: the address is the one after the colon.
        { "<@evil.com:alice@example.com>", "|alice|example.com|@evil.com" },
        // Text after the angle address.
        { "<alice@example.com>@evil.com", "invalid:<alice@example.com>@evil.com" },
        { "<alice@example.com>evil.com", "invalid:<alice@example.com>evil.com" },
        // Unquoted '@' in the name: the obsolete form clients show as "name <address>"; the address is bob's.
        { "alice@example.com <bob@evil.com>", "alice@example.com|bob|evil.com" },
        { "\"alice@example.com\" <bob@evil.com>", "alice@example.com|bob|evil.com" },
        // A name in front of the null address would show an address that is not there.
        { "alice@example.com <>", "invalid:alice@example.com <>" },
        // Encoded-words in an addr-spec stay literal text: the domain is the one written after the last '@'.
        { "=?utf-8?q?alice=40example.com?=@evil.com", "|=?utf-8?q?alice=40example.com?=|evil.com" },
        { "=?x?q?a=3e?=b@c", "|=?x?q?a=3e?=b|c" },
        { "=?x?q?collab=40psres.net=3e=00?=foo@example.com", "|=?x?q?collab=40psres.net=3e=00?=foo|example.com" },
        { "=?x?q?collab=40psres.net=2c?=x@example.com", "|=?x?q?collab=40psres.net=2c?=x|example.com" },
        { "=?utf-7?q?collab&AEA-psres.net&ACw-?=foo@example.com", "|=?utf-7?q?collab&AEA-psres.net&ACw-?=foo|example.com" },
        { "collab=?x?b?QA==?=psres.net=?x?b?LA==?=foo@example.com", "|collab=?x?b?QA==?=psres.net=?x?b?LA==?=foo|example.com" },
        { "=?utf-8?q?admin?=@example.com", "|=?utf-8?q?admin?=|example.com" },
        { "alice@=?utf-8?q?evil.com?=", "|alice|=?utf-8?q?evil.com?=" },
        // Mailsploit: encoded-words and an encoded NUL in the local part.
        {
            "=?utf-8?b?cG90dXNAd2hpdGVob3VzZS5nb3Y=?==?utf-8?Q?=00?==?utf-8?b?cG90dXNAd2hpdGVob3VzZS5nb3Y=?=@mailsploit.com",
            "|=?utf-8?b?cG90dXNAd2hpdGVob3VzZS5nb3Y=?==?utf-8?Q?=00?==?utf-8?b?cG90dXNAd2hpdGVob3VzZS5nb3Y=?=|mailsploit.com"
        },
        { "fakefrom@world.com(fakefrom@world.com\0@mailsploit.com", "invalid:fakefrom@world.com(fakefrom@world.com\0@mailsploit.com" },
        // An entirely encoded mailbox is a phrase with no address, never decoded and re-parsed.
        { "=?utf-8?B?IndhcnRhYiIgPHdhckB0YWIuY29tPg==?=", "invalid:=?utf-8?B?IndhcnRhYiIgPHdhckB0YWIuY29tPg==?=" },
        // Unbalanced delimiters swallow the rest as one raw piece instead of yielding the address inside.
        { "Bob <bob@example.com, alice@example.com", "invalid:Bob <bob@example.com, alice@example.com" },
        { "bob@example.com>, c@d.example", "invalid:bob@example.com> ;; |c|d.example" },
        { "\"Bob <bob@example.com>, alice@example.com", "invalid:\"Bob <bob@example.com>, alice@example.com" },
        { "bob@example.com (Bob, alice@example.com", "invalid:bob@example.com (Bob, alice@example.com" },
        { "bob@example.com (Bob)), c@d.example", "invalid:bob@example.com (Bob)) ;; |c|d.example" },
        { "a@b.example, [192.0.2.1, c@d.example", "|a|b.example ;; invalid:[192.0.2.1, c@d.example" },
        // NUL, bare CR, bare LF and header injection.
        { "alice@example.com\0@evil.com", "invalid:alice@example.com\0@evil.com" },
        { "alice\0@evil.com", "invalid:alice\0@evil.com" },
        { "alice@example.com\r@evil.com", "invalid:alice@example.com@evil.com" },
        { "alice@example.com\nBcc: victim@evil.com", "invalid:alice@example.comBcc: victim@evil.com" },
        { "alice@example.com\r\nBcc: victim@evil.com", "invalid:alice@example.comBcc: victim@evil.com" },
        { "\"al\\\0ice\"@example.com", "invalid:\"al\\\0ice\"@example.com" },
        // Backslashes outside quotes.
        { "alice\\@example.com@evil.com", "invalid:alice\\@example.com@evil.com" },
        { "\\\"alice@example.com\\\" <bob@evil.com>", "invalid:\\\"alice@example.com\\\" <bob@evil.com>" },
        { "alice@evil.com\\", "invalid:alice@evil.com\\" },
        // Quoted local parts: the domain after the quotes is the domain (nodemailer's bypass); Address re-quotes.
        { "\"alice@example.com\"@evil.com", "|alice@example.com|evil.com" },
        { "\"alice@example.com x\"@evil.com", "|alice@example.com x|evil.com" },
        { "\"alice\\\"@example.com\"@evil.com", "|alice\"@example.com|evil.com" },
        { "<\"alice@example.com\"@evil.com>", "|alice@example.com|evil.com" },
        // Brackets inside a quoted name are only name text; alone they are no address.
        { "\"Bob <bob@good.com>\" <eve@evil.com>", "Bob <bob@good.com>|eve|evil.com" },
        { "\"Bob <bob@good.com>\"", "invalid:\"Bob <bob@good.com>\"" },
        { "\"<bob@good.com>\", eve@evil.com", "invalid:\"<bob@good.com>\" ;; |eve|evil.com" },
        // Encoded names that decode to addresses or separators stay one name.
        { "=?utf-8?q?bob=40good.com_=3Cbob=40good.com=3E?= <eve@evil.com>", "bob@good.com <bob@good.com>|eve|evil.com" },
        { "=?utf-8?q?a=40b.com=2C_c=40d.com?= <eve@evil.com>", "a@b.com, c@d.com|eve|evil.com" },
        // Commas inside <...> are not separators and do not make a route.
        { "<alice@example.com,bob@evil.com>", "invalid:<alice@example.com,bob@evil.com>" },
        // A colon after an address is not a group.
        { "alice@example.com: bob@evil.com;", "invalid:alice@example.com: bob@evil.com" },
        { "Team: <a@b.example>: c@d.example;", "group:Team[invalid:<a@b.example>: c@d.example]" },
        // Comments are never part of the address, wherever they sit.
        { "alice(@evil.com)@example.com", "@evil.com|alice|example.com" },
        { "alice@example.com(@evil.com)", "@evil.com|alice|example.com" },
        { "alice@(evil.com)example.com", "evil.com|alice|example.com" },
        // Unicode look-alikes and "unicode overflow" characters are kept exactly; nothing is truncated to a byte.
        { "alice＠example.com@evil.com", "|alice＠example.com|evil.com" },
        { "collabŀpsres.net@example.com", "|collabŀpsres.net|example.com" },
        { "fooĀ@example.com", "|fooĀ|example.com" },
    };

    [Theory]
    [MemberData(nameof(Attacks))]
    public void ParseList_Attack_IsNotMisread(string input, string expected)
    {
        Assert.Equal(expected, AddressRendering.Render(AddressParser.ParseList(Encoding.UTF8.GetBytes(input))));
    }

    [Theory]
    [InlineData("\"alice@example.com\"@evil.com", "\"alice@example.com\"@evil.com")]
    [InlineData("\"alice@example.com x\"@evil.com", "\"alice@example.com x\"@evil.com")]
    [InlineData("<\"alice@example.com\"@evil.com>", "\"alice@example.com\"@evil.com")]
    public void Address_OfQuotedLocalPart_KeepsTheRealDomainVisible(string input, string expected)
    {
        var mailbox = Assert.IsType<MailboxAddress>(Assert.Single(AddressParser.ParseList(input)));

        Assert.Equal(expected, mailbox.Address);
        Assert.Equal("evil.com", mailbox.Domain);
    }

    [Theory]
    [InlineData("u@xn--a.com")]
    [InlineData("u@xn--0049.com")]
    [InlineData("u@xn--0049")]
    public void UnicodeDomain_OfMalformedPunycode_StaysAsWritten(string input)
    {
        var mailbox = Assert.IsType<MailboxAddress>(Assert.Single(AddressParser.ParseList(input)));

        Assert.Equal(mailbox.Domain, mailbox.UnicodeDomain);
    }

    [Fact]
    public void ParseList_EveryPrefixOfAnAttack_NeverYieldsAForeignAddress()
    {
        // Truncating a hostile header anywhere must not reveal an address that was not already a whole mailbox.
        const string input = "\"alice@example.com\" <@evil.com:bob@evil.com>, =?x?q?a=40b?=c@d.example, (x@y.example) e@f.example";
        for (var length = 0; length <= input.Length; length++)
        {
            foreach (var address in AddressParser.ParseList(input[..length]))
            {
                if (address is MailboxAddress mailbox && mailbox.Address.Length > 0)
                {
                    Assert.DoesNotContain("example.com", mailbox.Domain, StringComparison.Ordinal);
                }
            }
        }
    }
}
