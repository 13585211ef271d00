namespace ServerlessMail.Smtp;

/// <summary>
/// Ends the stream Core is reading when the content broke a limit, so the store discards the partial message. It
/// never reaches the client as such: the session answers from the <see cref="BodyRejection"/> it recorded.
/// </summary>
internal sealed class ContentRejectedException(BodyRejection rejection)
    : IOException($"The message content was refused: {rejection}.")
{
    public BodyRejection Rejection { get; } = rejection;

    /// <summary>True when <paramref name="exception"/> (or one it wraps) says the client ended the upload, not the store.</summary>
    public static bool IsFromClient(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is ContentRejectedException or UploadAbortedException)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Ends the stream Core is reading when the transfer stopped (RSET, QUIT, timeout, lost connection).</summary>
internal sealed class UploadAbortedException() : IOException("The message transfer was aborted.");
