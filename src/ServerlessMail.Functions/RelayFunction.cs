namespace ServerlessMail.Functions;

/// <summary>
/// S3 <c>ObjectCreated</c> under <c>outbound/</c> → <see cref="Core.RelayWorker.RelayOneAsync"/> for the OutboundEmail
/// the object's name gives (<c>outbound/yyyy/MM/dd/{outboundId}.eml</c>): the worker's claim (a conditional
/// <c>queued → sending</c> update) makes one send per OutboundEmail however often the event comes. A temporary
/// failure (SES throttling, a network fault) is recorded and the handler throws, so Lambda retries the event and,
/// after its retries, the dead-letter queue keeps it.
/// </summary>
/// <remarks>
/// Why the S3 event rather than the table's stream: the blob is the one thing every outbound message has before its
/// record, the event needs no stream (or its filter on record types) on a single-table design whose other items change
/// all the time, and S3 events already drive ingest, so both functions share one trigger and one DLQ pattern. The cost
/// is an ordering gap: the object is written before the record (the submission order, docs/storage.md), so an event
/// can arrive before its record exists. The handler then throws while the object is still there (the submission is
/// about to record it; Lambda's retry finds it), and treats a missing object as a submission that was refused and
/// cleaned up. The relay's own cleaned copies (<c>*.relay.eml</c>) are under the same prefix and are ignored.
/// </remarks>
public sealed class RelayFunction : LambdaFunction
{
    public RelayFunction()
        : base(null)
    {
    }

    public RelayFunction(FunctionHost host)
        : base(host ?? throw new ArgumentNullException(nameof(host)))
    {
    }

    public override async Task<Stream> HandleAsync(Stream input)
    {
        var s3Event = await FunctionJson.ReadAsync(input, FunctionJsonContext.Default.S3Event, CancellationToken.None).ConfigureAwait(false);
        var host = await HostAsync().ConfigureAwait(false);
        var keys = S3Records.Created(s3Event, Core.BlobKeys.OutboundPrefix).Select(o => o.Key).Where(IsSubmission);
        var response = await S3Records.EachAsync(keys, key => RelayAsync(host, key)).ConfigureAwait(false);
        return FunctionJson.Write(response, FunctionJsonContext.Default.BatchResponse);
    }

    /// <summary>A submitted message (<c>out_….eml</c>), not a cleaned copy the relay itself wrote beside it.</summary>
    internal static bool IsSubmission(string key) =>
        key.EndsWith(".eml", StringComparison.Ordinal) && !key.EndsWith(".relay.eml", StringComparison.Ordinal)
        && Core.Ids.IsWellFormed(Path.GetFileNameWithoutExtension(key), Core.Ids.Outbound);

    private static async Task RelayAsync(FunctionHost host, string key)
    {
        var outboundId = Path.GetFileNameWithoutExtension(key);
        var result = await host.RelayWorker.RelayOneAsync(outboundId).ConfigureAwait(false);
        if (result.Record is null)
        {
            if (await ExistsAsync(host, key).ConfigureAwait(false))
            {
                throw new InvalidOperationException($"The outbound record {outboundId} is not written yet; the event is retried.");
            }

            return;
        }

        if (result.Temporary)
        {
            throw new InvalidOperationException($"Relaying {outboundId} failed temporarily: {result.Record.History[^1].Detail}");
        }
    }

    private static async Task<bool> ExistsAsync(FunctionHost host, string key)
    {
        try
        {
            await using var stream = await host.Blobs.OpenRangeAsync(key, 0, 1).ConfigureAwait(false);
            return true;
        }
        catch (Core.MailStoreException missing) when (missing.Error == Core.MailStoreError.NotFound)
        {
            return false;
        }
    }
}
