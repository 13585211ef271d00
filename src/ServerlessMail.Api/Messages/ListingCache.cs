using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using ServerlessMail.Api.Contracts;
using ServerlessMail.Core;

namespace ServerlessMail.Api.Messages;

/// <summary>
/// The serialized answers of recent message listings, each kept with the version of the folder it was read at
/// (UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ, counts). A listing is a function of the folder's messages and the query;
/// every change to a message in the folder (append, flag, move, expunge) moves HIGHESTMODSEQ or UIDNEXT (RFC 7162,
/// the store's contract), and a message's other fields never change. So a request whose folder, read from the store
/// as every request does, still has the version of an entry gets that entry's bytes without reading 51 rows and
/// serializing them again: an agent polling its inbox costs two small reads. Correct across processes too, since
/// the version comes from the store, whose reads are consistent; the folder is read before the listing, so an
/// entry's bytes are never older than its version. Bounded by total bytes, least recently used out first.
/// </summary>
internal sealed class ListingCache
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _order = new();
    private readonly long _budget;
    private readonly JsonTypeInfo<ListBody<MessageSummaryBody>> _typeInfo;
    private long _bytes;

    public ListingCache(ApiOptions options, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(json);
        _budget = options.ListingCacheBytes;

        // The app's own options (camelCase, UTC times, nulls left out): the bytes are what TypedResults.Ok would write.
        _typeInfo = (JsonTypeInfo<ListBody<MessageSummaryBody>>)json.Value.SerializerOptions.GetTypeInfo(typeof(ListBody<MessageSummaryBody>));
    }

    public byte[]? Find(string key, Folder folder)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var node) || node.Value.Version != FolderVersion.Of(folder))
            {
                return null;
            }

            _order.Remove(node);
            _order.AddFirst(node);
            return node.Value.Body;
        }
    }

    /// <summary>Serializes the listing and keeps it for <paramref name="folder"/>'s version (read before the listing).</summary>
    public byte[] Store(string key, Folder folder, ListBody<MessageSummaryBody> listing)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(listing, _typeInfo);
        if (body.Length > _budget / 16)
        {
            return body;
        }

        lock (_lock)
        {
            if (_entries.Remove(key, out var old))
            {
                _order.Remove(old);
                _bytes -= old.Value.Body.Length;
            }

            _entries[key] = _order.AddFirst(new Entry(key, FolderVersion.Of(folder), body));
            _bytes += body.Length;
            while (_bytes > _budget && _order.Last is { } last)
            {
                _order.RemoveLast();
                _entries.Remove(last.Value.Key);
                _bytes -= last.Value.Body.Length;
            }
        }

        return body;
    }

    private readonly record struct FolderVersion(uint UidValidity, uint UidNext, ulong HighestModSeq, int Total, int Unseen)
    {
        public static FolderVersion Of(Folder folder) => new(folder.UidValidity, folder.UidNext, folder.HighestModSeq, folder.Total, folder.Unseen);
    }

    private sealed record Entry(string Key, FolderVersion Version, byte[] Body);
}
