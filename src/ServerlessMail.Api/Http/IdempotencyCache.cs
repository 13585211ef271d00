namespace ServerlessMail.Api.Http;

/// <summary>A remembered response to a POST with an Idempotency-Key, and the hash of the body that produced it.</summary>
internal sealed record IdempotentResponse(byte[] RequestHash, int Status, string? ContentType, string? Location, byte[] Body, DateTimeOffset ExpiresAt);

/// <summary>
/// A bounded, least-recently-used map of idempotency keys to send answers, per process. A send retry is idempotent
/// without it (the outbound id derives from the key); the map adds the 409 for a reused key with a different body.
/// </summary>
internal sealed class IdempotencyCache(int capacity, TimeProvider clock)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, IdempotentResponse Response)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, IdempotentResponse Response)> _order = new();
    private readonly HashSet<string> _inFlight = new(StringComparer.Ordinal);

    public IdempotentResponse? Find(string key)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var node))
            {
                return null;
            }

            if (node.Value.Response.ExpiresAt <= clock.GetUtcNow())
            {
                _order.Remove(node);
                _entries.Remove(key);
                return null;
            }

            _order.Remove(node);
            _order.AddFirst(node);
            return node.Value.Response;
        }
    }

    /// <summary>False when a request with this key is still running: the retry must wait for its answer.</summary>
    public bool TryBegin(string key)
    {
        lock (_lock)
        {
            return _inFlight.Add(key);
        }
    }

    public void End(string key, IdempotentResponse? response)
    {
        lock (_lock)
        {
            _inFlight.Remove(key);
            if (response is null)
            {
                return;
            }

            if (_entries.Remove(key, out var old))
            {
                _order.Remove(old);
            }

            _entries[key] = _order.AddFirst((key, response));
            while (_entries.Count > capacity && _order.Last is { } last)
            {
                _order.RemoveLast();
                _entries.Remove(last.Value.Key);
            }
        }
    }
}
