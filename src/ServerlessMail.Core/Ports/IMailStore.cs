namespace ServerlessMail.Core;

/// <summary>
/// Everything but raw message bytes. Both stores implement all of it and are held to the same behaviour by one
/// contract test suite. Every method is async; ids are the opaque ids of <see cref="Ids"/>.
/// </summary>
public interface IMailStore : IAccountStore, IInboxStore, IFolderStore, IMessageStore, IThreadIndex, ITokenStore, IQuotaStore, IIngestStore, IOutboundStore, ISuppressionStore
{
    /// <summary>Creates tables, indexes or schema if missing. Safe to call on every start.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);
}
