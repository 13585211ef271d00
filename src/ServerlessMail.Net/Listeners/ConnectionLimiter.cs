using System.Collections.Concurrent;
using System.Net;

namespace ServerlessMail.Net;

/// <summary>Counts open connections in total and per peer address, and refuses past the limits.</summary>
internal sealed class ConnectionLimiter(int maxTotal, int maxPerAddress)
{
    private readonly ConcurrentDictionary<IPAddress, int> _perAddress = new();
    private int _total;

    public int Open => Volatile.Read(ref _total);

    public bool TryAcquire(IPAddress address)
    {
        if (Interlocked.Increment(ref _total) > maxTotal)
        {
            Interlocked.Decrement(ref _total);
            return false;
        }

        var count = _perAddress.AddOrUpdate(address, 1, static (_, value) => value + 1);
        if (count > maxPerAddress)
        {
            Release(address);
            return false;
        }

        return true;
    }

    public void Release(IPAddress address)
    {
        Interlocked.Decrement(ref _total);
        while (_perAddress.TryGetValue(address, out var value))
        {
            if (value <= 1 ? _perAddress.TryRemove(new KeyValuePair<IPAddress, int>(address, value)) : _perAddress.TryUpdate(address, value - 1, value))
            {
                return;
            }
        }
    }
}
