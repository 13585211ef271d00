namespace ServerlessMail.Core;

/// <summary>
/// The outbound port: hands one cleaned message to whatever carries mail off this machine (SES, a smarthost) or keeps
/// it here (<see cref="LocalCaptureRelay"/>). Hosted recipients never reach a relay; <see cref="RelayWorker"/> delivers
/// them locally. Implementations map every outcome to a <see cref="RelayResult"/>; an exception is treated as a
/// temporary failure and retried.
/// </summary>
public interface IMailRelay
{
    /// <summary>A short name for history entries and logs ("ses", "smarthost", "local-capture").</summary>
    string Name { get; }

    Task<RelayResult> SendAsync(RelayMessage message, CancellationToken cancellationToken = default);
}
