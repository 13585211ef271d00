using ServerlessMail.Storage.Aws.Dynamo;

namespace ServerlessMail.Storage.Aws;

public sealed partial class DynamoMailStore
{
    /// <summary>A read that raced a move (body and state read a moment apart) reads again this many times.</summary>
    private const int RaceRetries = 3;

    public async Task<StoredMessage?> GetMessageAsync(string messageId, CancellationToken cancellationToken = default) =>
        (await ReadMessageAsync(messageId, cancellationToken).ConfigureAwait(false))?.Message;

    /// <summary>The message and its body item (which knows its chunks and delivery key), or null.</summary>
    private async Task<(StoredMessage Message, Item Body)?> ReadMessageAsync(string messageId, CancellationToken cancellationToken)
    {
        if (!IsUsableKey(messageId))
        {
            return null;
        }

        for (var attempt = 0; attempt < RaceRetries; attempt++)
        {
            var body = await _table.GetAsync(Keys.Message(messageId), Keys.BodySk, cancellationToken).ConfigureAwait(false);
            if (body is null)
            {
                return null;
            }

            var state = await _table.GetAsync(Keys.Folder(body.Str(Attr.FolderId)), Keys.State(body.UInt(Attr.Uid)), cancellationToken).ConfigureAwait(false);
            if (state is not null && state.Str(Attr.MessageId) == messageId)
            {
                return (MessageMapper.FromItems(body, state, await ChunksAsync(body, cancellationToken).ConfigureAwait(false)), body);
            }
        }

        return null;
    }

    public async Task<StoredMessage?> GetMessageByUidAsync(string folderId, uint uid, CancellationToken cancellationToken = default)
    {
        if (!IsUsableKey(folderId))
        {
            return null;
        }

        var state = await _table.GetAsync(Keys.Folder(folderId), Keys.State(uid), cancellationToken).ConfigureAwait(false);
        return state is null ? null : (await LoadAsync([state], cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    /// <summary>One Query of the folder's state items (small: flags, keywords, MODSEQ), never the bodies.</summary>
    public async Task<IReadOnlyList<MessageState>> ListStatesAsync(string folderId, CancellationToken cancellationToken = default)
    {
        if (!IsUsableKey(folderId))
        {
            return [];
        }

        var states = await _table.QueryAllAsync(BeginsWith(Keys.Folder(folderId), Keys.StatePrefix), cancellationToken).ConfigureAwait(false);
        return states.Select(MessageMapper.StateOf).ToList();
    }

    /// <summary>An ascending Query of the state items in the UID range, then one batch read of their bodies.</summary>
    public async Task<IReadOnlyList<MessageContent>> ListContentByUidAsync(string folderId, uint firstUid, uint lastUid, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        if (!IsUsableKey(folderId) || firstUid > lastUid)
        {
            return [];
        }

        limit = Math.Min(limit, PageRequest.MaxLimit);
        var request = new QueryRequest
        {
            KeyConditionExpression = "#pk = :pk AND #sk BETWEEN :lo AND :hi",
            ExpressionAttributeNames = new() { ["#pk"] = Attr.Pk, ["#sk"] = Attr.Sk },
            ExpressionAttributeValues = new()
            {
                [":pk"] = Av.S(Keys.Folder(folderId)),
                [":lo"] = Av.S(Keys.State(firstUid)),
                [":hi"] = Av.S(Keys.State(lastUid)),
            },
            ScanIndexForward = true,
        };

        var states = new List<Item>();
        do
        {
            request.Limit = limit - states.Count;
            var response = await _table.QueryPageAsync(request, cancellationToken).ConfigureAwait(false);
            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
            states.AddRange(response.Items ?? []);
        }
        while (states.Count < limit && request.ExclusiveStartKey is not null);

        return (await LoadAsync(states, cancellationToken).ConfigureAwait(false)).ConvertAll(MessageContent.Of);
    }

    /// <summary>The change-feed LSI: state items and expunge tombstones whose MODSEQ is above the mark, in one strongly consistent Query.</summary>
    public async Task<FolderChanges> GetChangesAsync(string folderId, ulong sinceModSeq, CancellationToken cancellationToken = default)
    {
        var folder = await GetFolderAsync(folderId, cancellationToken).ConfigureAwait(false) ?? throw MailStoreException.NotFound("The folder");
        var items = await _table.QueryAllAsync(
            new QueryRequest
            {
                IndexName = TableSchema.ByModSeq,
                KeyConditionExpression = "#pk = :pk AND #ms > :since",
                ExpressionAttributeNames = new() { ["#pk"] = Attr.Pk, ["#ms"] = Attr.ModSeq },
                ExpressionAttributeValues = new() { [":pk"] = Av.S(Keys.Folder(folderId)), [":since"] = Av.N(sinceModSeq) },
            },
            cancellationToken).ConfigureAwait(false);
        var changed = new List<MessageState>();
        var expunged = new List<uint>();
        foreach (var item in items)
        {
            var sk = item.Str(Attr.Sk);
            if (sk.StartsWith(Keys.StatePrefix, StringComparison.Ordinal))
            {
                changed.Add(MessageMapper.StateOf(item));
            }
            else if (sk.StartsWith(Keys.TombstonePrefix, StringComparison.Ordinal))
            {
                expunged.Add(Keys.UidOf(sk));
            }
        }

        // A UID expunged and then reused never happens (UIDs only grow), so the two lists never name one UID.
        return new FolderChanges(folder, changed.OrderBy(s => s.Uid).ToList(), expunged.Order().ToList());
    }

    /// <summary>GSI3 (keys only) finds the thread's bodies in date order; a strongly consistent batch read loads them.</summary>
    public async Task<IReadOnlyList<StoredMessage>> ListThreadAsync(string accountId, string threadId, CancellationToken cancellationToken = default)
    {
        if (!IsUsableKey(accountId) || !IsUsableKey(threadId))
        {
            return [];
        }

        var keys = await _table.QueryAllAsync(
            new QueryRequest
            {
                IndexName = TableSchema.ByThread,
                KeyConditionExpression = "#pk = :pk",
                ExpressionAttributeNames = new() { ["#pk"] = Attr.Gsi3Pk },
                ExpressionAttributeValues = new() { [":pk"] = Av.S(Keys.Thread(accountId, threadId)) },
            },
            cancellationToken).ConfigureAwait(false);
        var bodies = await _table.BatchGetAsync(keys.Select(k => (k.Str(Attr.Pk), Keys.BodySk)), cancellationToken).ConfigureAwait(false);
        var states = await _table.BatchGetAsync(bodies.Values.Select(b => (Keys.Folder(b.Str(Attr.FolderId)), Keys.State(b.UInt(Attr.Uid)))), cancellationToken).ConfigureAwait(false);
        var messages = new List<StoredMessage>();
        foreach (var key in keys)
        {
            if (bodies.TryGetValue(DynamoTable.KeyOf(key.Str(Attr.Pk), Keys.BodySk), out var body) &&
                states.TryGetValue(DynamoTable.KeyOf(Keys.Folder(body.Str(Attr.FolderId)), Keys.State(body.UInt(Attr.Uid))), out var state) &&
                state.Str(Attr.MessageId) == body.Str(Attr.Id))
            {
                messages.Add(MessageMapper.FromItems(body, state, await ChunksAsync(body, cancellationToken).ConfigureAwait(false)));
            }
        }

        return messages;
    }

    /// <summary>The messages of these state items, in their order: one strongly consistent batch read of the bodies.</summary>
    private async Task<List<StoredMessage>> LoadAsync(List<Item> states, CancellationToken cancellationToken)
    {
        var bodies = await _table.BatchGetAsync(states.Select(s => (Keys.Message(s.Str(Attr.MessageId)), Keys.BodySk)), cancellationToken).ConfigureAwait(false);
        var messages = new List<StoredMessage>(states.Count);
        foreach (var state in states)
        {
            var folderPk = state.Str(Attr.Pk);
            var uid = Keys.UidOf(state.Str(Attr.Sk));

            // A body that points elsewhere belongs to a message that moved after its state was read: skip it.
            if (bodies.TryGetValue(DynamoTable.KeyOf(Keys.Message(state.Str(Attr.MessageId)), Keys.BodySk), out var body) &&
                Keys.Folder(body.Str(Attr.FolderId)) == folderPk && body.UInt(Attr.Uid) == uid)
            {
                messages.Add(MessageMapper.FromItems(body, state, await ChunksAsync(body, cancellationToken).ConfigureAwait(false)));
            }
        }

        return messages;
    }

    private async Task<List<Item>?> ChunksAsync(Item body, CancellationToken cancellationToken) =>
        MessageMapper.ChunkCount(body) == 0
            ? null
            : await _table.QueryAllAsync(BeginsWith(body.Str(Attr.Pk), Keys.ChunkPrefix), cancellationToken).ConfigureAwait(false);
}
