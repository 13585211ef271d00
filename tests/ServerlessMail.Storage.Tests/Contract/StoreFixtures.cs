using ServerlessMail.Core;

namespace ServerlessMail.Storage.Tests.Contract;

/// <summary>An account with one domain and one inbox (with its special-use folders), as a test seeds it.</summary>
public sealed record Mailbox(Account Account, MailDomain Domain, Inbox Inbox, IReadOnlyList<Folder> Folders)
{
    public string AccountId => Account.Id;

    public Folder InboxFolder => FolderNamed(Core.Folder.InboxName);

    public Folder FolderNamed(string name) => Folders.Single(f => f.Name == name);
}

/// <summary>Seeding helpers shared by the contracts: accounts, domains, inboxes, folders and appended messages.</summary>
public static class StoreFixtures
{
    public static DateTimeOffset Now(this StoreHarness harness) => harness.Clock.GetUtcNow();

    public static InboxService InboxService(this StoreHarness harness) => new(harness.Store, harness.Blobs, harness.Clock);

    public static async Task<Account> SeedAccountAsync(this StoreHarness harness, QuotaLimits? limits = null, string name = "Acme")
    {
        var account = new Account(Ids.New(Ids.Account, harness.Clock), name, limits ?? QuotaLimits.AccountDefault, harness.Now());
        await harness.Store.CreateAccountAsync(account);
        return account;
    }

    public static async Task<MailDomain> SeedDomainAsync(this StoreHarness harness, Account account, string domain, bool isDefault = true)
    {
        var mailDomain = new MailDomain(domain, account.Id, isDefault, null, harness.Now());
        await harness.Store.AddDomainAsync(mailDomain);
        return mailDomain;
    }

    /// <summary>A new account, its domain and an inbox <paramref name="localPart"/>@<paramref name="domain"/>.</summary>
    public static async Task<Mailbox> SeedMailboxAsync(
        this StoreHarness harness,
        string localPart = "alice",
        string domain = "example.com",
        QuotaLimits? accountLimits = null,
        QuotaLimits? inboxLimits = null)
    {
        var account = await harness.SeedAccountAsync(accountLimits);
        var mailDomain = await harness.SeedDomainAsync(account, domain);
        var (inbox, folders) = await harness.SeedInboxAsync(account, localPart, domain, inboxLimits);
        return new Mailbox(account, mailDomain, inbox, folders);
    }

    /// <summary>Another inbox of the same account (and domain) as <paramref name="mailbox"/>.</summary>
    public static async Task<Mailbox> SeedSiblingAsync(this StoreHarness harness, Mailbox mailbox, string localPart, QuotaLimits? inboxLimits = null)
    {
        var (inbox, folders) = await harness.SeedInboxAsync(mailbox.Account, localPart, mailbox.Domain.Name, inboxLimits);
        return mailbox with { Inbox = inbox, Folders = folders };
    }

    public static async Task<(Inbox Inbox, IReadOnlyList<Folder> Folders)> SeedInboxAsync(
        this StoreHarness harness,
        Account account,
        string localPart,
        string domain,
        QuotaLimits? limits = null,
        string? displayName = null)
    {
        var inbox = new Inbox(Ids.New(Ids.Inbox, harness.Clock), account.Id, localPart, domain, displayName, limits ?? QuotaLimits.Unlimited, harness.Now());
        var folders = harness.InboxService().NewSpecialFolders(inbox.Id, harness.Now());
        await harness.Store.CreateInboxAsync(inbox, folders);
        return (inbox, folders);
    }

    public static async Task<Folder> SeedFolderAsync(this StoreHarness harness, Mailbox mailbox, string name)
    {
        var folder = harness.InboxService().NewFolder(mailbox.Inbox.Id, name, SpecialUse.None, harness.Now());
        await harness.Store.CreateFolderAsync(folder);
        return folder;
    }

    public static async Task<Folder> ReloadAsync(this StoreHarness harness, Folder folder) =>
        await harness.Store.GetFolderAsync(folder.Id) ?? throw new InvalidOperationException($"Folder {folder.Name} is gone.");

    /// <summary>Writes <paramref name="raw"/> as a blob and describes it as delivery would, ready to append.</summary>
    public static async Task<NewMessage> PrepareAsync(
        this StoreHarness harness,
        Mailbox mailbox,
        Folder folder,
        byte[]? raw = null,
        MessageFlags flags = MessageFlags.None,
        IReadOnlyList<string>? keywords = null,
        string? deliveryKey = null,
        StorageLimit? limit = null,
        string? threadId = null,
        DateTimeOffset? internalDate = null,
        string? blobKey = null)
    {
        raw ??= TestMail.Build();
        var parsed = TestMail.Parse(raw);
        var key = blobKey ?? BlobKeys.Raw(Ids.New(Ids.Accepted, harness.Clock), harness.Now());
        await harness.Blobs.PutAsync(key, new MemoryStream(raw, writable: false));
        return new NewMessage(
            Ids.New(Ids.Message, harness.Clock), mailbox.AccountId, folder.InboxId, folder.Id, flags, keywords ?? [],
            internalDate ?? harness.Now(), raw.Length, threadId ?? Ids.New("thr", harness.Clock), key,
            new MessageEnvelope("sender@remote.example", [mailbox.Inbox.Address]), parsed.Summary, parsed.Structure, deliveryKey, limit);
    }

    public static async Task<StoredMessage> AppendAsync(
        this StoreHarness harness,
        Mailbox mailbox,
        Folder? folder = null,
        byte[]? raw = null,
        MessageFlags flags = MessageFlags.None,
        IReadOnlyList<string>? keywords = null,
        string? deliveryKey = null,
        StorageLimit? limit = null,
        string? threadId = null,
        DateTimeOffset? internalDate = null)
    {
        var message = await harness.PrepareAsync(mailbox, folder ?? mailbox.InboxFolder, raw, flags, keywords, deliveryKey, limit, threadId, internalDate);
        return await harness.Store.AppendAsync(message);
    }

    /// <summary>Every item of a listing, page by page from <paramref name="startCursor"/>, checking that no page passes the limit.</summary>
    public static async Task<List<T>> DrainAsync<T>(Func<PageRequest, Task<Page<T>>> list, int limit, string? startCursor = null)
    {
        var all = new List<T>();
        var cursor = startCursor;
        for (var pages = 0; pages < 1_000; pages++)
        {
            var page = await list(new PageRequest(limit, cursor));
            Assert.True(page.Items.Count <= limit, $"A page of limit {limit} held {page.Items.Count} items.");
            all.AddRange(page.Items);
            cursor = page.NextCursor;
            if (cursor is null)
            {
                return all;
            }
        }

        throw new InvalidOperationException("The listing never ended.");
    }

    /// <summary>The store's answer to something unknown: the typed NotFound, never another exception.</summary>
    public static async Task AssertErrorAsync(MailStoreError expected, Func<Task> action)
    {
        var exception = await Assert.ThrowsAsync<MailStoreException>(action);
        Assert.Equal(expected, exception.Error);
    }
}
