namespace ServerlessMail.Core;

/// <summary>A refused store or domain operation with a typed reason; never used for bugs.</summary>
public sealed class MailStoreException : Exception
{
    public MailStoreException(MailStoreError error, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
    }

    public MailStoreError Error { get; }

    public static MailStoreException NotFound(string what) => new(MailStoreError.NotFound, $"{what} was not found.");

    public static MailStoreException Conflict(string message) => new(MailStoreError.Conflict, message);

    public static MailStoreException InvalidCursor() => new(MailStoreError.InvalidCursor, "The cursor is not valid for this listing.");

    public static MailStoreException TooLarge(string field, int max) =>
        new(MailStoreError.ValueTooLarge, $"{field} is longer than {max} characters.");
}
