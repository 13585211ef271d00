using System.Net;

namespace ServerlessMail.Functions;

/// <summary>The object keys of an S3 event's ObjectCreated records under one prefix, decoded.</summary>
internal static class S3Records
{
    public static List<(string Key, long Size)> Created(S3Event s3Event, string prefix)
    {
        var keys = new List<(string, long)>();
        foreach (var record in s3Event.Records ?? throw new InvalidEventException("The S3 event has no Records."))
        {
            if (record.EventName?.StartsWith("ObjectCreated:", StringComparison.Ordinal) != true || record.S3?.Object?.Key is not { Length: > 0 } encoded)
            {
                continue;
            }

            // S3 encodes keys as a query-string value: '+' for a space, %XX for the rest.
            var key = WebUtility.UrlDecode(encoded);
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                keys.Add((key, record.S3.Object.Size ?? -1));
            }
        }

        return keys;
    }

    /// <summary>Runs <paramref name="handle"/> on each key; when some fail, throws after trying all of them.</summary>
    public static async Task<BatchResponse> EachAsync(IEnumerable<string> items, Func<string, Task> handle)
    {
        var failed = new List<string>();
        Exception? first = null;
        foreach (var item in items)
        {
            try
            {
                await handle(item).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not InvalidEventException)
            {
                failed.Add(item);
                first ??= exception;
            }
        }

        if (first is not null)
        {
            throw new PartialBatchFailureException(failed, first);
        }

        return new BatchResponse([]);
    }
}
