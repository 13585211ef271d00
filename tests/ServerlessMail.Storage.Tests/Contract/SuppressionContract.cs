using ServerlessMail.Core;

namespace ServerlessMail.Storage.Tests.Contract;

/// <summary>ISuppressionStore through <see cref="SuppressionService"/>, and the send path refusing a suppressed recipient.</summary>
public abstract class SuppressionContract : StoreContract
{
    [Fact]
    public async Task AnAddedAddressIsFoundCaseInsensitivelyListedAndRemoved()
    {
        var account = await Harness.SeedAccountAsync();
        var other = await Harness.SeedAccountAsync(name: "Other");
        var suppressions = new SuppressionService(Harness.Store, Harness.Clock);

        var added = await suppressions.AddAsync(account.Id, "<Bob@Remote.Example>", SuppressionReason.Bounce, "550 5.1.1 user unknown");
        await suppressions.AddAsync(account.Id, "alice@remote.example", SuppressionReason.Complaint, null);

        Assert.Equal(new Suppression(account.Id, "bob@remote.example", SuppressionReason.Bounce, Harness.Now(), "550 5.1.1 user unknown"), added);
        Assert.Equal(added, await suppressions.FindAsync(account.Id, "BOB@remote.example"));
        Assert.Null(await suppressions.FindAsync(other.Id, "bob@remote.example"));
        Assert.Equal(["alice@remote.example", "bob@remote.example"], (await Harness.Store.ListSuppressionsAsync(account.Id, 10)).Select(s => s.Address));
        Assert.Equal(["alice@remote.example"], (await Harness.Store.ListSuppressionsAsync(account.Id, 1)).Select(s => s.Address));
        Assert.Empty(await Harness.Store.ListSuppressionsAsync(other.Id, 10));

        Assert.True(await suppressions.RemoveAsync(account.Id, "bob@remote.example"));
        Assert.False(await suppressions.RemoveAsync(account.Id, "bob@remote.example"));
        Assert.Null(await suppressions.FindAsync(account.Id, "bob@remote.example"));
    }

    [Fact]
    public async Task AddingAgainReplacesTheEntry()
    {
        var account = await Harness.SeedAccountAsync();
        var suppressions = new SuppressionService(Harness.Store, Harness.Clock);
        await suppressions.AddAsync(account.Id, "bob@remote.example", SuppressionReason.Bounce, "first");
        Harness.Clock.Advance(TimeSpan.FromHours(1));

        await suppressions.AddAsync(account.Id, "bob@remote.example", SuppressionReason.Complaint, "second");

        var entry = await suppressions.FindAsync(account.Id, "bob@remote.example");
        Assert.Equal((SuppressionReason.Complaint, "second", Harness.Now()), (entry!.Reason, entry.Detail, entry.At));
        Assert.Single(await Harness.Store.ListSuppressionsAsync(account.Id, 10));
    }

    [Fact]
    public async Task BadInputIsRefused()
    {
        var account = await Harness.SeedAccountAsync();
        var suppressions = new SuppressionService(Harness.Store, Harness.Clock);

        await StoreFixtures.AssertErrorAsync(MailStoreError.InvalidArgument, () => suppressions.AddAsync(account.Id, "no-at-sign", SuppressionReason.Manual, null));
        await StoreFixtures.AssertErrorAsync(MailStoreError.InvalidArgument, () => suppressions.AddAsync(account.Id, new string('a', 250) + "@x.example", SuppressionReason.Manual, null));
        await StoreFixtures.AssertErrorAsync(MailStoreError.NotFound, () => suppressions.AddAsync("acc_missing", "bob@remote.example", SuppressionReason.Manual, null));
        await StoreFixtures.AssertErrorAsync(MailStoreError.InvalidArgument, () => Harness.Store.AddSuppressionAsync(new Suppression(account.Id, "Upper@Case.example", SuppressionReason.Manual, Harness.Now(), null)));
        Assert.Null(await suppressions.FindAsync(account.Id, new string('a', 300)));
    }

    [Fact]
    public async Task ASendToASuppressedRecipientIsRefusedWholeBeforeAnythingIsStored()
    {
        using var services = new StoreServices(Harness);
        var mailbox = await Harness.SeedMailboxAsync();
        var principal = new Principal(mailbox.AccountId, "tok_sender", null, TokenPermissions.Send);
        await new SuppressionService(Harness.Store, Harness.Clock).AddAsync(mailbox.AccountId, "bob@remote.example", SuppressionReason.Bounce, null);

        var refusal = await Assert.ThrowsAsync<MailStoreException>(() => services.Outbound.SubmitAsync(
            principal, mailbox.Inbox, new MemoryStream(TestMail.Build()), "alice@example.com", ["carol@remote.example", "Bob@Remote.example"], null));

        Assert.Equal(MailStoreError.NotAllowed, refusal.Error);
        Assert.Contains("bob@remote.example (hard bounce", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(["bob@remote.example"], SuppressionService.RefusedAddresses(refusal));
        Assert.Empty((await Harness.Store.ListOutboundAsync(mailbox.Inbox.Id, new PageRequest())).Items);

        var allowed = await services.Outbound.SubmitAsync(principal, mailbox.Inbox, new MemoryStream(TestMail.Build()), "alice@example.com", ["carol@remote.example"], null);
        Assert.True(allowed.Accepted);
    }
}
