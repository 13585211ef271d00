using ServerlessMail.Storage.Aws.Dynamo;

namespace ServerlessMail.Storage.Aws;

public sealed partial class DynamoMailStore
{
    /// <summary>
    /// With an idempotency key, the record and a claim of (account, key) are put together; when the claim exists the
    /// transaction is cancelled and the record it points to is returned instead.
    /// </summary>
    public async Task<OutboundEmail> CreateOutboundAsync(OutboundEmail outbound, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outbound);
        CheckLength(outbound.IdempotencyKey, ModelLimits.IdempotencyKey, "idempotencyKey");
        var claimPk = outbound.IdempotencyKey is { } key ? Keys.OutboundKey(outbound.AccountId, key) : null;
        var outcome = await CommitAsync(
            "Recording the outbound message",
            () =>
            {
                var items = new List<TransactWriteItem> { DynamoTable.Put(OutboundMapper.ToItem(outbound), NotExists) };
                if (claimPk is not null)
                {
                    var claim = Av.Key(claimPk, Keys.PointerSk);
                    claim[Attr.Id] = Av.S(outbound.Id);
                    items.Add(DynamoTable.Put(claim, NotExists));
                }

                return items;
            },
            cancellationToken).ConfigureAwait(false);
        if (claimPk is not null && outcome.ConditionFailed(1))
        {
            var claim = await _table.GetAsync(claimPk, Keys.PointerSk, cancellationToken).ConfigureAwait(false);
            return claim is not null && await GetOutboundAsync(claim.Str(Attr.Id), cancellationToken).ConfigureAwait(false) is { } existing
                ? existing
                : throw MailStoreException.Conflict("The idempotency key is being used by a concurrent request.");
        }

        if (outcome.ConditionFailed(0))
        {
            throw MailStoreException.Conflict($"The outbound message '{outbound.Id}' already exists.");
        }

        outcome.EnsureCommitted("Recording the outbound message");
        return outbound;
    }

    public async Task<OutboundEmail?> GetOutboundAsync(string outboundId, CancellationToken cancellationToken = default)
    {
        if (!IsUsableKey(outboundId))
        {
            return null;
        }

        var item = await _table.GetAsync(Keys.Outbound(outboundId), Keys.OutboundSk, cancellationToken).ConfigureAwait(false);
        return item is null ? null : OutboundMapper.FromItem(item);
    }

    public async Task<OutboundEmail?> FindOutboundByProviderIdAsync(string providerMessageId, CancellationToken cancellationToken = default)
    {
        if (!IsUsableKey(providerMessageId))
        {
            return null;
        }

        var pointer = await _table.GetAsync(Keys.Provider(providerMessageId), Keys.PointerSk, cancellationToken).ConfigureAwait(false);
        return pointer is null ? null : await GetOutboundAsync(pointer.Str(Attr.Id), cancellationToken).ConfigureAwait(false);
    }

    public async Task<Page<OutboundEmail>> ListOutboundAsync(string inboxId, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        var scope = "outbound:" + inboxId;
        var after = _cursors.Decode(scope, page.Cursor);
        if (!IsUsableKey(inboxId))
        {
            return new Page<OutboundEmail>([], null);
        }

        var (items, next) = await QueryChildrenAsync(Keys.OutboundOf(inboxId), after, page.EffectiveLimit, cancellationToken).ConfigureAwait(false);
        return new Page<OutboundEmail>(items.Select(OutboundMapper.FromItem).ToList(), next is null ? null : _cursors.Encode(scope, next));
    }

    /// <summary>
    /// A put conditional on the stored status (<c>stt = :expected</c>, and <c>att = :attempts</c> when given), with the provider-id pointer in the same
    /// transaction when the update sets one: of two relays racing on one message, exactly one wins.
    /// </summary>
    public async Task<bool> TryUpdateOutboundAsync(OutboundEmail updated, OutboundStatus expected, int? expectedAttempts = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updated);
        var condition = $"{Attr.State} = :expected";
        var values = new Item { [":expected"] = Av.N((long)expected) };
        if (expectedAttempts is { } attempts)
        {
            condition += $" AND {Attr.Attempts} = :attempts";
            values[":attempts"] = Av.N(attempts);
        }

        var outcome = await CommitAsync(
            "Updating the outbound message",
            () =>
            {
                var items = new List<TransactWriteItem>
                {
                    DynamoTable.Put(OutboundMapper.ToItem(updated), condition, values),
                };
                if (updated.ProviderMessageId is { } providerId && IsUsableKey(providerId))
                {
                    var pointer = Av.Key(Keys.Provider(providerId), Keys.PointerSk);
                    pointer[Attr.Id] = Av.S(updated.Id);
                    items.Add(DynamoTable.Put(pointer));
                }

                return items;
            },
            cancellationToken).ConfigureAwait(false);
        if (outcome.ConditionFailed(0))
        {
            return false;
        }

        outcome.EnsureCommitted("Updating the outbound message");
        return true;
    }

    public async Task<IReadOnlyList<OutboundEmail>> ListDueOutboundAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        var items = await ListDueAsync(Keys.DueOutbound, now, limit, cancellationToken).ConfigureAwait(false);
        return items
            .Select(OutboundMapper.FromItem)
            .Where(o => o.Status is OutboundStatus.Queued or OutboundStatus.Sending && o.NextAttemptAt <= now)
            .OrderBy(o => o.NextAttemptAt)
            .ThenBy(o => o.Id, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
    }
}
