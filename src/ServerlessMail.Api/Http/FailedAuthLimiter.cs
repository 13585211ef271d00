using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;

namespace ServerlessMail.Api.Http;

/// <summary>
/// A budget of failed authentications per client address: a token bucket of <see cref="ApiOptions.FailedAuthBurst"/>
/// failures refilled by one every <see cref="ApiOptions.FailedAuthRefill"/>. Only failures spend it; once it is empty
/// the address gets 429 with Retry-After before its credentials are even looked up, so a guesser (or a script stuck
/// on a revoked token) costs no store reads. The per-token limiter cannot do this: a bad token has no token id.
/// IPv6 addresses count per /64, the block one host usually holds, so rotating addresses within it does not help.
/// ServerlessMail.Net's AuthThrottle answers "how long to wait before checking" for SMTP and IMAP, and has no notion
/// of how long ago the last failure was; an HTTP refusal needs an exact Retry-After, which the bucket gives. Idle
/// full buckets are dropped by the partitioned limiter, so memory follows the addresses failing right now.
/// </summary>
internal sealed class FailedAuthLimiter(ApiOptions options) : IDisposable
{
    private readonly PartitionedRateLimiter<IPAddress> _limiter = PartitionedRateLimiter.Create<IPAddress, IPAddress>(address =>
        RateLimitPartition.GetTokenBucketLimiter(address, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.FailedAuthBurst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = options.FailedAuthRefill,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Null while the address may still try; otherwise how long until it may.</summary>
    public TimeSpan? RefusalFor(IPAddress? address)
    {
        var partition = Partition(address);
        if (_limiter.GetStatistics(partition) is not { CurrentAvailablePermits: <= 0 })
        {
            return null;
        }

        // Empty: a one-permit attempt fails without spending anything and says when the next permit comes. (A
        // zero-permit probe would be neater, but the token bucket grants it whatever its count.)
        using var lease = _limiter.AttemptAcquire(partition, 1);
        return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : options.FailedAuthRefill;
    }

    public void RecordFailure(IPAddress? address)
    {
        using var lease = _limiter.AttemptAcquire(Partition(address), 1);
    }

    public void Dispose() => _limiter.Dispose();

    private static IPAddress Partition(IPAddress? address)
    {
        if (address is null)
        {
            return IPAddress.None;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes);
    }
}
