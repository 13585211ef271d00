using System.Globalization;
using ServerlessMail.Storage.Aws.Dynamo;

namespace ServerlessMail.Storage.Aws;

public sealed partial class DynamoMailStore
{
    /// <summary>State items read per Query page when filters need the bodies.</summary>
    private const int FilteredBatch = 100;

    /// <summary>
    /// Newest first: a descending Query of the folder's state items below the cursor's UID, then a strongly
    /// consistent batch read of the bodies of the ones that pass. Filters on text and dates run on the bodies in
    /// memory, so a selective filter over a large folder reads the folder in pages (DynamoDB has no text search).
    /// The cursor holds the last UID returned: messages arriving later have higher UIDs and never shift a page.
    /// </summary>
    public async Task<Page<StoredMessage>> ListMessagesAsync(string folderId, MessageQuery query, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(page);
        var scope = "messages:" + folderId;
        var position = _cursors.Decode(scope, page.Cursor);
        uint? before = position is null ? null
            : uint.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out var uid) ? uid : throw MailStoreException.InvalidCursor();
        if (!IsUsableKey(folderId) || before == 0)
        {
            return new Page<StoredMessage>([], null);
        }

        var limit = page.EffectiveLimit;
        var filter = new MessageFilter(query);
        var request = new QueryRequest
        {
            KeyConditionExpression = "#pk = :pk AND #sk BETWEEN :lo AND :hi",
            ExpressionAttributeNames = new() { ["#pk"] = Attr.Pk, ["#sk"] = Attr.Sk },
            ExpressionAttributeValues = new()
            {
                [":pk"] = Av.S(Keys.Folder(folderId)),
                [":lo"] = Av.S(Keys.StatePrefix),
                [":hi"] = Av.S(Keys.State(before is { } b ? b - 1 : uint.MaxValue)),
            },
            ScanIndexForward = false,
        };

        var found = new List<StoredMessage>();
        do
        {
            request.Limit = filter.NeedsBody ? FilteredBatch : limit + 1 - found.Count;
            var response = await _table.QueryPageAsync(request, cancellationToken).ConfigureAwait(false);
            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
            var candidates = (response.Items ?? []).Where(s => filter.MatchesState((MessageFlags)s.Long(Attr.Flags))).ToList();
            if (!filter.NeedsBody)
            {
                candidates = candidates.Take(limit + 1 - found.Count).ToList();
            }

            foreach (var message in await LoadAsync(candidates, cancellationToken).ConfigureAwait(false))
            {
                if (found.Count <= limit && filter.Matches(message))
                {
                    found.Add(message);
                }
            }
        }
        while (found.Count <= limit && request.ExclusiveStartKey is not null);

        if (found.Count <= limit)
        {
            return new Page<StoredMessage>(found, null);
        }

        found.RemoveRange(limit, found.Count - limit);
        return new Page<StoredMessage>(found, _cursors.Encode(scope, found[^1].Uid.ToString(CultureInfo.InvariantCulture)));
    }
}
