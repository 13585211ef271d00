using System.Security.Cryptography;
using ServerlessMail.Mime;

namespace ServerlessMail.Core;

/// <summary>Creates inboxes with their special-use folders, and deletes them (optionally purging their raw messages).</summary>
public sealed class InboxService(IMailStore store, IBlobStore blobs, TimeProvider clock)
{
    public const int MaxLocalPartLength = 64;

    private static readonly string[] Adjectives =
    [
        "amber", "brave", "brisk", "calm", "clever", "crisp", "eager", "fair", "gentle", "glad", "keen", "lively",
        "lucky", "merry", "neat", "noble", "quick", "quiet", "rapid", "sharp", "shiny", "steady", "sunny", "swift",
    ];

    private static readonly string[] Nouns =
    [
        "badger", "beacon", "comet", "falcon", "fern", "harbor", "heron", "lark", "maple", "meadow", "otter", "pebble",
        "pine", "quill", "raven", "river", "robin", "sparrow", "summit", "thistle", "tiger", "willow", "wren", "zephyr",
    ];

    private static uint _lastUidValidity;

    /// <summary>
    /// Creates an inbox. Without a local part, a random readable one (<c>swift-otter-4821</c>). The domain must be one of
    /// the account's; without one, the account's default domain.
    /// </summary>
    public async Task<Inbox> CreateAsync(Principal principal, string? localPart, string? domain, string? displayName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return await CreateAsync(principal, localPart, domain, displayName, Ids.New(Ids.Inbox, clock), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates an inbox once per <paramref name="idempotencyKey"/>: its id is derived from the account and the key, so
    /// a retry, in any process and after any restart, finds the inbox the first attempt made and returns it with
    /// <c>Existed</c> set (the caller decides whether the retry asked for the same thing).
    /// </summary>
    public async Task<(Inbox Inbox, bool Existed)> CreateOnceAsync(Principal principal, string? localPart, string? domain, string? displayName, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        RequireManager(principal, "Creating");
        var id = Idempotency.IdFor(Ids.Inbox, principal.AccountId, idempotencyKey);
        var found = await Idempotency.FindAsync(id, store.GetInboxAsync, principal.AccountId, i => i.AccountId, cancellationToken).ConfigureAwait(false);
        if (found is not null)
        {
            return (found, true);
        }

        try
        {
            return (await CreateAsync(principal, localPart, domain, displayName, id, cancellationToken).ConfigureAwait(false), false);
        }
        catch (MailStoreException exception) when (exception.Error == MailStoreError.Conflict)
        {
            // A concurrent attempt under the same key won the race (or the address is taken: then nothing has this id).
            var winner = await Idempotency.FindAsync(id, store.GetInboxAsync, principal.AccountId, i => i.AccountId, cancellationToken).ConfigureAwait(false);
            if (winner is null)
            {
                throw;
            }

            return (winner, true);
        }
    }

    /// <summary>
    /// Creates a user folder (no special use) once per <paramref name="idempotencyKey"/> when one is given, as
    /// <see cref="CreateOnceAsync"/> does for inboxes. A name the inbox already has: Conflict.
    /// </summary>
    public async Task<(Folder Folder, bool Existed)> CreateFolderAsync(Inbox inbox, string name, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inbox);
        ArgumentNullException.ThrowIfNull(name);
        var id = idempotencyKey is null ? Ids.New(Ids.Folder, clock) : Idempotency.IdFor(Ids.Folder, inbox.AccountId, idempotencyKey);
        if (idempotencyKey is not null && await store.GetFolderAsync(id, cancellationToken).ConfigureAwait(false) is { } found)
        {
            return (found, true);
        }

        var folder = NewFolder(inbox.Id, name, SpecialUse.None, clock.GetUtcNow()) with { Id = id };
        try
        {
            await store.CreateFolderAsync(folder, cancellationToken).ConfigureAwait(false);
            return (folder, false);
        }
        catch (MailStoreException exception) when (exception.Error == MailStoreError.Conflict && idempotencyKey is not null)
        {
            var winner = await store.GetFolderAsync(id, cancellationToken).ConfigureAwait(false);
            if (winner is null)
            {
                throw;
            }

            return (winner, true);
        }
    }

    private async Task<Inbox> CreateAsync(Principal principal, string? localPart, string? domain, string? displayName, string id, CancellationToken cancellationToken)
    {
        RequireManager(principal, "Creating");

        if (displayName is { Length: > ModelLimits.DisplayName })
        {
            throw MailStoreException.TooLarge("displayName", ModelLimits.DisplayName);
        }

        var domains = await store.ListDomainsAsync(principal.AccountId, cancellationToken).ConfigureAwait(false);
        var target = domain is null
            ? domains.FirstOrDefault(d => d.IsDefault) ?? (domains.Count > 0 ? domains[0] : null)
            : domains.FirstOrDefault(d => string.Equals(d.Name, RecipientResolver.Normalize("x@" + domain)?.Domain, StringComparison.Ordinal));
        if (target is null)
        {
            throw new MailStoreException(MailStoreError.InvalidArgument, domain is null ? "The account has no domain." : $"The account does not own the domain '{domain}'.");
        }

        var local = localPart?.Trim().ToLowerInvariant() ?? RandomLocalPart();
        if (local.Length is 0 or > MaxLocalPartLength || local.Contains('+', StringComparison.Ordinal) ||
            !AddressParser.TryParseMailbox(local + "@" + target.Name, out var mailbox) || mailbox.LocalPart != local)
        {
            throw new MailStoreException(MailStoreError.InvalidArgument, $"'{localPart}' is not a valid local part (a dot-atom of at most {MaxLocalPartLength} characters, without '+').");
        }

        var now = clock.GetUtcNow();
        var inbox = new Inbox(id, principal.AccountId, local, target.Name, displayName, QuotaLimits.Unlimited, now);
        await store.CreateInboxAsync(inbox, NewSpecialFolders(inbox.Id, now), cancellationToken).ConfigureAwait(false);
        return inbox;
    }

    /// <summary>Deletes the inbox and all its mail; with <paramref name="purge"/> also erases the raw messages no one else references.</summary>
    public async Task DeleteAsync(Principal principal, string inboxId, bool purge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var inbox = await GetAsync(principal, inboxId, cancellationToken).ConfigureAwait(false);
        RequireManager(principal, "Deleting");

        var orphans = await store.DeleteInboxAsync(inbox.Id, cancellationToken).ConfigureAwait(false);
        if (purge)
        {
            foreach (var key in orphans)
            {
                await blobs.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The inbox if the principal may see it; otherwise NotFound, never revealing that it exists.</summary>
    public async Task<Inbox> GetAsync(Principal principal, string inboxId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var inbox = Ids.IsWellFormed(inboxId, Ids.Inbox) ? await store.GetInboxAsync(inboxId, cancellationToken).ConfigureAwait(false) : null;
        return inbox is not null && principal.Covers(inbox) ? inbox : throw MailStoreException.NotFound("The inbox");
    }

    /// <summary>The special-use folders of a new inbox, each with a fresh UIDVALIDITY.</summary>
    public IReadOnlyList<Folder> NewSpecialFolders(string inboxId, DateTimeOffset now) =>
        Folder.SpecialFolders
            .Select(f => NewFolder(inboxId, f.Name, f.Use, now))
            .ToList();

    public Folder NewFolder(string inboxId, string name, SpecialUse use, DateTimeOffset now) =>
        new(Ids.New(Ids.Folder, clock), inboxId, name, use, NextUidValidity(now), 1, 0, 0, 0, 1, true, now);

    /// <summary>
    /// UIDVALIDITY from the clock in seconds, strictly increasing within this process, so a folder deleted and created
    /// again never reuses the old value (RFC 3501 §2.3.1.1).
    /// </summary>
    private static uint NextUidValidity(DateTimeOffset now)
    {
        var candidate = (uint)Math.Clamp(now.ToUnixTimeSeconds(), 1, uint.MaxValue);
        while (true)
        {
            var last = Volatile.Read(ref _lastUidValidity);
            var next = Math.Max(candidate, last + 1);
            if (Interlocked.CompareExchange(ref _lastUidValidity, next, last) == last)
            {
                return next;
            }
        }
    }

    private static void RequireManager(Principal principal, string verb)
    {
        if (!principal.IsAccountScoped || !principal.Has(TokenPermissions.Manage))
        {
            throw new MailStoreException(MailStoreError.NotAllowed, verb + " inboxes needs an account-scoped token with the manage permission.");
        }
    }

    private static string RandomLocalPart() =>
        $"{Adjectives[RandomNumberGenerator.GetInt32(Adjectives.Length)]}-{Nouns[RandomNumberGenerator.GetInt32(Nouns.Length)]}-{RandomNumberGenerator.GetInt32(1000, 10000)}";
}
