namespace ServerlessMail.Storage.Aws.Dynamo;

/// <summary>
/// Queues this process's writers to one folder, so they take turns instead of racing: every append or flag change
/// is a transaction conditional on the folder's UIDNEXT and HIGHESTMODSEQ, and of N writers racing for one folder
/// only one commits per round while DynamoDB bills the cancelled ones too. Writers in other processes (other Lambda
/// instances) still race, and the conditions keep that correct. Striped: two folders may share a stripe, which only
/// makes them take turns as well.
/// </summary>
internal sealed class FolderGate
{
    private const int Stripes = 64;

    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<Turn> EnterAsync(string folderId, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(uint)StringComparer.Ordinal.GetHashCode(folderId) % Stripes];
        await stripe.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Turn(stripe);
    }

    public readonly struct Turn(SemaphoreSlim stripe) : IDisposable
    {
        public void Dispose() => stripe.Release();
    }
}
