namespace ServerlessMail.Smtp;

/// <summary>Reads the start of a message up to the end of its header block (the first empty line), within a limit.</summary>
internal static class HeaderBlock
{
    private const int ReadSize = 4096;

    /// <summary>
    /// The bytes read: the whole header block with its blank line when it ends within <paramref name="limit"/> octets,
    /// otherwise the first <paramref name="limit"/> octets (or the whole message, if shorter). Nothing is lost: the
    /// caller sends these bytes on ahead of the rest of <paramref name="content"/>.
    /// </summary>
    public static async Task<byte[]> ReadAsync(Stream content, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var buffer = new byte[Math.Min(limit, ReadSize)];
        var length = 0;
        while (length < limit)
        {
            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, Math.Min(limit, buffer.Length * 2));
            }

            var read = await content.ReadAsync(buffer.AsMemory(length, Math.Min(ReadSize, buffer.Length - length)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            var searchFrom = Math.Max(0, length - 3);
            length += read;
            var end = buffer.AsSpan(searchFrom, length - searchFrom).IndexOf("\r\n\r\n"u8);
            if (end >= 0 || (searchFrom == 0 && buffer.AsSpan(0, length).StartsWith("\r\n"u8)))
            {
                break;
            }
        }

        return buffer.AsSpan(0, length).ToArray();
    }
}
