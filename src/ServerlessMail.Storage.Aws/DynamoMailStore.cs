using ServerlessMail.Storage.Aws.Dynamo;

namespace ServerlessMail.Storage.Aws;

/// <summary>
/// <see cref="IMailStore"/> on one DynamoDB table. Every access path is a GetItem or a Query (docs/storage.md lists
/// them); counters that must be exact (UIDNEXT, MODSEQ, folder counts, stored bytes, quota buckets) change only in
/// conditional writes or transactions, so concurrent writers never overshoot or hand out a UID twice.
/// </summary>
public sealed partial class DynamoMailStore : IMailStore
{
    private readonly DynamoTable _table;
    private readonly AwsStorageOptions _options;
    private readonly TimeProvider _clock;
    private readonly CursorCodec _cursors;
    private readonly FolderGate _gate = new();

    public DynamoMailStore(IAmazonDynamoDB client, AwsStorageOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentException.ThrowIfNullOrEmpty(options.TableName);
        _table = new DynamoTable(client, options.TableName);
        _options = options;
        _clock = clock;
        _cursors = new CursorCodec(options.CursorSecret, options.TableName);
    }

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var client = _table.Client;
        try
        {
            await WaitActiveAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (ResourceNotFoundException) when (_options.CreateIfMissing)
        {
        }
        catch (ResourceNotFoundException exception)
        {
            throw new MailStoreException(MailStoreError.Unavailable, $"The DynamoDB table '{_table.Name}' does not exist.", exception);
        }

        try
        {
            await DynamoTable.CallAsync(() => client.CreateTableAsync(TableSchema.CreateRequest(_table.Name), cancellationToken)).ConfigureAwait(false);
        }
        catch (MailStoreException exception) when (exception.InnerException is ResourceInUseException)
        {
            // Another instance is creating it at the same moment; wait for it like for our own.
        }

        await WaitActiveAsync(cancellationToken).ConfigureAwait(false);

        // Quota buckets and idempotency records carry an expiry; DynamoDB deletes them some time after it passes.
        // Reads never rely on that deletion happening: they compare the expiry with the clock.
        await DynamoTable.CallAsync(() => client.UpdateTimeToLiveAsync(
            new UpdateTimeToLiveRequest
            {
                TableName = _table.Name,
                TimeToLiveSpecification = new TimeToLiveSpecification { Enabled = true, AttributeName = Attr.Ttl },
            },
            cancellationToken)).ConfigureAwait(false);
    }

    private async Task WaitActiveAsync(CancellationToken cancellationToken)
    {
        // Wall time, not the injected clock: tests run on a clock that stands still.
        var started = Environment.TickCount64;
        while (true)
        {
            var response = await _table.Client.DescribeTableAsync(new DescribeTableRequest { TableName = _table.Name }, cancellationToken).ConfigureAwait(false);
            if (response.Table.TableStatus == TableStatus.ACTIVE)
            {
                return;
            }

            if (Environment.TickCount64 - started > _options.TableActiveTimeout.TotalMilliseconds)
            {
                throw new MailStoreException(MailStoreError.Unavailable, $"The DynamoDB table '{_table.Name}' did not become active.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Key parts past this many characters name nothing we stored (and DynamoDB would refuse the key).</summary>
    private const int MaxKeyPartLength = 900;

    private static bool IsUsableKey(string? value) => !string.IsNullOrEmpty(value) && value.Length <= MaxKeyPartLength;
}
