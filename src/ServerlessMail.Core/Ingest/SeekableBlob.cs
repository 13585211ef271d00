namespace ServerlessMail.Core;

/// <summary>
/// Opens a stored blob for parsing, which needs to seek: the local store's files seek; an S3 response stream does
/// not, so it is spooled to a temporary file (deleted on close), never to memory, keeping a 25 MB message off the heap.
/// Public for the REST API, which parses stored blobs to show headers, bodies and attachments.
/// </summary>
public static class SeekableBlob
{
    public static async Task<Stream> OpenAsync(IBlobStore blobs, string key, CancellationToken cancellationToken)
    {
        var stream = await blobs.OpenReadAsync(key, cancellationToken).ConfigureAwait(false);
        if (stream.CanSeek)
        {
            return stream;
        }

        await using (stream.ConfigureAwait(false))
        {
            var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            await stream.CopyToAsync(spool, cancellationToken).ConfigureAwait(false);
            spool.Position = 0;
            return spool;
        }
    }
}
