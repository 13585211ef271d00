namespace ServerlessMail.Functions;

/// <summary>
/// S3 <c>ObjectCreated</c> under <c>raw/</c> → <see cref="Core.MailIngestService.AcceptStoredAsync"/> then
/// <see cref="Core.MailIngestService.DeliverAsync"/>. An object the SMTP edge wrote already has its accepted record
/// (written by <c>AcceptAsync</c> right after the object, under the id in the object's name), which carries the real
/// envelope; an object from an SES receipt rule has none, and its envelope is read from its headers
/// (<see cref="Core.HeaderEnvelope"/>). Delivery is idempotent: a repeated event finds the record delivered and does
/// nothing. S3 invokes Lambda asynchronously, which has no partial-batch answer: a failed record makes the handler
/// throw (after trying the others), so Lambda retries the event and, after its retries, the dead-letter queue gets it.
/// </summary>
public sealed class IngestFunction : LambdaFunction
{
    public IngestFunction()
        : base(null)
    {
    }

    public IngestFunction(FunctionHost host)
        : base(host ?? throw new ArgumentNullException(nameof(host)))
    {
    }

    public override async Task<Stream> HandleAsync(Stream input)
    {
        var s3Event = await FunctionJson.ReadAsync(input, FunctionJsonContext.Default.S3Event, CancellationToken.None).ConfigureAwait(false);
        var host = await HostAsync().ConfigureAwait(false);
        var objects = S3Records.Created(s3Event, Core.BlobKeys.RawPrefix).ToDictionary(o => o.Key, o => o.Size, StringComparer.Ordinal);
        var response = await S3Records.EachAsync(objects.Keys, key => IngestAsync(host, key, objects[key])).ConfigureAwait(false);
        return FunctionJson.Write(response, FunctionJsonContext.Default.BatchResponse);
    }

    private static async Task IngestAsync(FunctionHost host, string key, long size)
    {
        var acceptedId = Core.BlobKeys.AcceptedIdFor(key);
        var accepted = await host.Store.GetAcceptedAsync(acceptedId).ConfigureAwait(false);
        if (accepted is null)
        {
            var envelope = await host.Envelopes.ReadAsync(key).ConfigureAwait(false);
            accepted = await host.Ingest.AcceptStoredAsync(key, size >= 0 ? size : await LengthAsync(host, key).ConfigureAwait(false), envelope).ConfigureAwait(false);
        }

        await host.Ingest.DeliverAsync(accepted.Id).ConfigureAwait(false);
    }

    private static async Task<long> LengthAsync(FunctionHost host, string key)
    {
        await using var raw = await host.Blobs.OpenReadAsync(key).ConfigureAwait(false);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await raw.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            total += read;
        }

        return total;
    }
}
