namespace ServerlessMail.Core.Tests;

public sealed class RecipientResolverTests
{
    [Theory]
    [InlineData("alice@example.com", "alice", "example.com")]
    [InlineData("Alice@Example.COM", "alice", "example.com")]
    [InlineData("alice+tag@example.com", "alice+tag", "example.com")]
    [InlineData("alice@example.com.", "alice", "example.com")]
    [InlineData("alice@bücher.example", "alice", "xn--bcher-kva.example")]
    [InlineData("alice@BÜCHER.example", "alice", "xn--bcher-kva.example")]
    [InlineData("\"a@b\"@example.com", "\"a@b\"", "example.com")]
    [InlineData("ÜSER@example.com", "üser", "example.com")]
    public void AddressesAreLowerCasedWithAsciiDomains(string address, string local, string domain) =>
        Assert.Equal((local, domain), RecipientResolver.Normalize(address));

    [Theory]
    [InlineData("")]
    [InlineData("alice")]
    [InlineData("@example.com")]
    [InlineData("alice@")]
    [InlineData("alice@exa mple.com")]
    [InlineData("alice@-bad-.example")]
    public void AnythingButLocalAtDomainIsNull(string address) => Assert.Null(RecipientResolver.Normalize(address));
}
