namespace ServerlessMail.Core.Tests;

public sealed class PrincipalTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private static readonly Inbox Alice = new("inb_alice", "acc_1", "alice", "example.com", null, QuotaLimits.Unlimited, Now);

    private static readonly Inbox Bob = new("inb_bob", "acc_1", "bob", "example.com", null, QuotaLimits.Unlimited, Now);

    private static readonly Inbox Foreign = new("inb_alice", "acc_2", "alice", "other.example", null, QuotaLimits.Unlimited, Now);

    [Fact]
    public void AnAccountTokenCoversEveryInboxOfItsAccountOnly()
    {
        var principal = new Principal("acc_1", "tok_1", null, TokenPermissions.Read);

        Assert.True(principal.IsAccountScoped);
        Assert.True(principal.Covers(Alice));
        Assert.True(principal.Covers(Bob));
        Assert.False(principal.Covers(Foreign));
    }

    [Fact]
    public void AnInboxTokenCoversOnlyItsInbox()
    {
        var principal = new Principal("acc_1", "tok_1", "inb_alice", TokenPermissions.All);

        Assert.False(principal.IsAccountScoped);
        Assert.True(principal.Covers(Alice));
        Assert.False(principal.Covers(Bob));
        Assert.False(principal.Covers(Foreign));
    }

    [Theory]
    [InlineData(TokenPermissions.Read, TokenPermissions.Read, true)]
    [InlineData(TokenPermissions.Read, TokenPermissions.Send, false)]
    [InlineData(TokenPermissions.Read | TokenPermissions.Send, TokenPermissions.Send, true)]
    [InlineData(TokenPermissions.Read, TokenPermissions.Read | TokenPermissions.Send, false)]
    [InlineData(TokenPermissions.Admin, TokenPermissions.Delete, true)]
    [InlineData(TokenPermissions.Admin, TokenPermissions.Manage | TokenPermissions.Send, true)]
    [InlineData(TokenPermissions.Manage, TokenPermissions.Admin, false)]
    [InlineData(TokenPermissions.Manage, TokenPermissions.Delete, false)]
    public void HasNeedsEveryBitOrAdmin(TokenPermissions own, TokenPermissions asked, bool expected) =>
        Assert.Equal(expected, new Principal("acc_1", "tok_1", null, own).Has(asked));

    [Theory]
    [InlineData(TokenPermissions.Manage | TokenPermissions.Read, null, TokenPermissions.Read, null, true)]
    [InlineData(TokenPermissions.Manage | TokenPermissions.Read, null, TokenPermissions.Read, "inb_alice", true)]
    [InlineData(TokenPermissions.Manage | TokenPermissions.Read, null, TokenPermissions.Manage | TokenPermissions.Read, null, true)]
    [InlineData(TokenPermissions.Manage | TokenPermissions.Read, null, TokenPermissions.Send, null, false)]
    [InlineData(TokenPermissions.Manage | TokenPermissions.Read, null, TokenPermissions.Admin, null, false)]
    [InlineData(TokenPermissions.Read | TokenPermissions.Send, null, TokenPermissions.Read, null, false)]
    [InlineData(TokenPermissions.Admin, null, TokenPermissions.All, null, true)]
    [InlineData(TokenPermissions.Admin, "inb_alice", TokenPermissions.All, "inb_alice", true)]
    [InlineData(TokenPermissions.Admin, "inb_alice", TokenPermissions.Read, null, false)]
    [InlineData(TokenPermissions.Admin, "inb_alice", TokenPermissions.Read, "inb_bob", false)]
    [InlineData(TokenPermissions.Manage | TokenPermissions.Read, "inb_alice", TokenPermissions.Read, "inb_alice", true)]
    [InlineData(TokenPermissions.Manage | TokenPermissions.Read, "inb_alice", TokenPermissions.Read, null, false)]
    [InlineData(TokenPermissions.Manage | TokenPermissions.Read, "inb_alice", TokenPermissions.Send, "inb_alice", false)]
    public void MayGrantNeverMoreRightsNorAWiderScope(TokenPermissions own, string? ownInbox, TokenPermissions asked, string? askedInbox, bool expected) =>
        Assert.Equal(expected, new Principal("acc_1", "tok_1", ownInbox, own).MayGrant(asked, askedInbox));
}
