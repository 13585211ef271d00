namespace ServerlessMail.Core;

public interface IIngestStore
{
    /// <summary>Records an accepted message. The blob is already durable; when this completes the accept is too.</summary>
    Task AddAcceptedAsync(AcceptedMessage message, CancellationToken cancellationToken = default);

    Task<AcceptedMessage?> GetAcceptedAsync(string acceptedId, CancellationToken cancellationToken = default);

    /// <summary>Accepted messages not yet delivered whose next attempt is due, oldest first.</summary>
    Task<IReadOnlyList<AcceptedMessage>> ListDueAcceptedAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    Task UpdateAcceptedAsync(AcceptedMessage message, CancellationToken cancellationToken = default);
}
