using ServerlessMail.Core;

namespace ServerlessMail.Imap;

/// <summary>
/// The <see cref="CachedMessage"/> of recently read messages, shared by the sessions of this server, as Dovecot
/// keeps ENVELOPE and BODYSTRUCTURE in its cache file: a second FETCH of the metadata or a SEARCH on the envelope
/// fields needs no store read and no decoding. An entry is keyed by message id and holds only what never changes for
/// that id, so an entry never goes stale; a session finds only the ids of its own selected folder, so it never sees
/// another's. Bounded by bytes in two generations: an entry found in the older one moves to the newer, and when the
/// newer one is full the older one is dropped whole, so what is used stays and the total stays under the capacity.
/// A part rendered later is counted in the newer generation, wherever its entry is, so the count never falls short.
/// </summary>
internal sealed class MessageCache
{
    /// <summary>About 40,000 typical messages.</summary>
    public const long DefaultCapacity = 128L * 1024 * 1024;

    private readonly Lock _lock = new();
    private readonly long _generationBytes;
    private Dictionary<string, CachedMessage> _newer = new(StringComparer.Ordinal);
    private Dictionary<string, CachedMessage> _older = new(StringComparer.Ordinal);
    private long _newerBytes;

    public MessageCache(long capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _generationBytes = capacity / 2;
    }

    /// <summary>The entries held, for tests and diagnostics.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _newer.Count + _older.Count;
            }
        }
    }

    /// <summary>The entry of each state (in order) when every one is held; otherwise false and nothing.</summary>
    public bool TryFindAll(IReadOnlyList<MessageState> states, CachedMessage[] found)
    {
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(found);
        lock (_lock)
        {
            for (var i = 0; i < states.Count; i++)
            {
                var id = states[i].MessageId;
                if (!_newer.TryGetValue(id, out var cached))
                {
                    if (!_older.Remove(id, out cached))
                    {
                        return false;
                    }

                    Keep(cached);
                }

                found[i] = cached;
            }

            return true;
        }
    }

    /// <summary>The held entry of this stored message, or a new one, kept if it fits.</summary>
    public CachedMessage Add(MessageContent stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        lock (_lock)
        {
            if (!_newer.TryGetValue(stored.Id, out var cached))
            {
                if (!_older.Remove(stored.Id, out cached))
                {
                    cached = new CachedMessage(stored) { Rendered = Grow };
                }

                Keep(cached);
            }

            return cached;
        }
    }

    private void Grow(long bytes)
    {
        lock (_lock)
        {
            _newerBytes += bytes;
            if (_newerBytes > _generationBytes)
            {
                Rotate();
            }
        }
    }

    private void Rotate()
    {
        _older = _newer;
        _newer = new Dictionary<string, CachedMessage>(StringComparer.Ordinal);
        _newerBytes = 0;
    }

    private void Keep(CachedMessage cached)
    {
        var charge = cached.Charge;
        if (charge > _generationBytes)
        {
            return;
        }

        if (_newerBytes + charge > _generationBytes)
        {
            Rotate();
        }

        _newer[cached.MessageId] = cached;
        _newerBytes += charge;
    }
}
