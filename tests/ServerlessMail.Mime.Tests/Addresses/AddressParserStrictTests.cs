namespace ServerlessMail.Mime.Tests;

public sealed class AddressParserStrictTests
{
    [Theory]
    [InlineData("a@b.example", null, "a", "b.example")]
    [InlineData("  a@b.example  ", null, "a", "b.example")]
    [InlineData("Alice <alice@example.com>", "Alice", "alice", "example.com")]
    [InlineData("<alice@example.com>", null, "alice", "example.com")]
    [InlineData("\"Smith, John\" <john@example.com>", "Smith, John", "john", "example.com")]
    [InlineData("John Q. Public <john.q.public@example.com>", "John Q. Public", "john.q.public", "example.com")]
    [InlineData("first.last+tag@sub.example.co.uk", null, "first.last+tag", "sub.example.co.uk")]
    [InlineData("!#$%&'*+-/=?^_`{|}~@example.com", null, "!#$%&'*+-/=?^_`{|}~", "example.com")]
    [InlineData("\"john doe\"@example.com", null, "john doe", "example.com")]
    [InlineData("jörg@example.com", null, "jörg", "example.com")]
    [InlineData("user@bücher.example", null, "user", "bücher.example")]
    [InlineData("user@xn--bcher-kva.example", null, "user", "xn--bcher-kva.example")]
    [InlineData("user@localhost", null, "user", "localhost")]
    [InlineData("user@123.example", null, "user", "123.example")]
    [InlineData("user@[192.0.2.1]", null, "user", "[192.0.2.1]")]
    [InlineData("user@[IPv6:2001:db8::1]", null, "user", "[IPv6:2001:db8::1]")]
    public void TryParseMailbox_Valid(string input, string? name, string local, string domain)
    {
        Assert.True(AddressParser.TryParseMailbox(input, out var mailbox));
        Assert.Equal(name, mailbox.Name);
        Assert.Equal(local, mailbox.LocalPart);
        Assert.Equal(domain, mailbox.Domain);
        Assert.Null(mailbox.Route);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("alice")]
    [InlineData("Alice")]
    [InlineData("@example.com")]
    [InlineData("alice@")]
    // More than one address, groups, separators.
    [InlineData("a@b.example, c@d.example")]
    [InlineData("a@b.example; c@d.example")]
    [InlineData("a@b.example,")]
    [InlineData("Team: a@b.example;")]
    [InlineData("undisclosed-recipients:;")]
    // Routes, comments, obsolete syntax, the null address.
    [InlineData("<@route:a@b.example>")]
    [InlineData("a@b.example (Alice)")]
    [InlineData("a(x)@b.example")]
    [InlineData("john . doe@example.com")]
    [InlineData("john..doe@example.com")]
    [InlineData("taro.@docomo.ne.jp")]
    [InlineData(".taro@docomo.ne.jp")]
    [InlineData("\"john\".doe@example.com")]
    [InlineData("a@b . example")]
    [InlineData("<>")]
    // Folds and controls.
    [InlineData("Alice\r\n <a@b.example>")]
    [InlineData("a@b.example\r\n")]
    [InlineData("a\t@b.example")]
    [InlineData("a@b.example\0")]
    [InlineData("a\u0085@b.example")]
    // Spoofing shapes.
    [InlineData("alice@example.com@evil.com")]
    [InlineData("alice@example.com <bob@evil.com>")]
    [InlineData("\"alice@example.com\" <@evil.com>")]
    [InlineData("<alice@example.com>@evil.com")]
    [InlineData("\"alice@example.com\"@evil.com")]
    [InlineData("\"alice@example.com x\"@evil.com")]
    [InlineData("\"a<b>\"@evil.com")]
    [InlineData("\"a,b\"@evil.com")]
    [InlineData("=?utf-8?q?alice=40example.com?=@evil.com")]
    [InlineData("=?x?q?a=3e?=b@c.example")]
    [InlineData("=?utf-8?q?admin?=@example.com")]
    [InlineData("[Bob] <bob@example.com>")]
    [InlineData("Bob <bob@example.com")]
    [InlineData("\"Bob <bob@example.com>")]
    [InlineData("alice\\@example.com")]
    // Domains: not host names.
    [InlineData("a@-example.com")]
    [InlineData("a@example-.com")]
    [InlineData("a@exa_mple.com")]
    [InlineData("a@example.com.")]
    [InlineData("a@.example.com")]
    [InlineData("a@=?utf-8?q?evil.com?=")]
    [InlineData("a@exa!mple.com")]
    [InlineData("a@192.0.2.1")]
    [InlineData("a@xn--a.com")]
    [InlineData("a@xn--0049.com")]
    [InlineData("a@xn--0049")]
    [InlineData("a@ex\u200Dample.com")]
    [InlineData("a@ex ample.com")]
    [InlineData("a@[192.0.2.256]")]
    [InlineData("a@[192.0.2]")]
    [InlineData("a@[1]")]
    [InlineData("a@[0x7f.0.0.1]")]
    [InlineData("a@[IPv6:192.0.2.1x]")]
    [InlineData("a@[IPv6:fe80::1%eth0]")]
    [InlineData("a@[example.com]")]
    public void TryParseMailbox_Invalid(string input)
    {
        Assert.False(AddressParser.TryParseMailbox(input, out var mailbox));
        Assert.Null(mailbox);
    }

    [Fact]
    public void TryParseMailbox_LengthLimits()
    {
        var local64 = new string('a', 64);
        var label63 = new string('b', 63);
        Assert.True(AddressParser.TryParseMailbox($"{local64}@example.com", out _));
        Assert.False(AddressParser.TryParseMailbox($"{local64}a@example.com", out _));
        Assert.True(AddressParser.TryParseMailbox($"a@{label63}.com", out _));
        Assert.False(AddressParser.TryParseMailbox($"a@{label63}b.com", out _));

        // 254 octets in all is the most a path can carry (RFC 5321 §4.5.3.1.3).
        var domain = string.Join('.', Enumerable.Repeat(label63, 3)) + "." + new string('c', 59);
        Assert.Equal(251, domain.Length);
        Assert.True(AddressParser.TryParseMailbox($"ab@{domain}", out _));
        Assert.False(AddressParser.TryParseMailbox($"abc@{domain}", out _));
        Assert.False(AddressParser.TryParseMailbox(new string('x', 2000) + " <a@b.example>", out _));
    }

    [Fact]
    public void TryParseMailbox_EncodedDisplayName_IsDecoded()
    {
        Assert.True(AddressParser.TryParseMailbox("=?utf-8?Q?J=C3=B6rg?= <j@example.com>", out var mailbox));
        Assert.Equal("Jörg", mailbox.Name);
    }
}
