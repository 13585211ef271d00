namespace ServerlessMail.Core;

/// <summary>
/// The size limits of the model, shared by both stores. Values a client chooses (names, keywords) past a limit are
/// refused with <see cref="MailStoreError.ValueTooLarge"/>; values taken from mail (a subject, an address list) are
/// cut by <see cref="MessageSummarizer"/>, because mail is never refused for its content. They also keep every stored
/// record well inside a DynamoDB item (400 KB).
/// </summary>
public static class ModelLimits
{
    /// <summary>A folder's full name, hierarchy included, in characters.</summary>
    public const int FolderName = 255;

    /// <summary>One IMAP keyword (RFC 3501 atom), in characters.</summary>
    public const int Keyword = 64;

    /// <summary>Keywords on one message.</summary>
    public const int KeywordsPerMessage = 64;

    public const int DisplayName = 200;

    public const int TokenName = 100;

    /// <summary>A stored subject, in characters; longer subjects are cut.</summary>
    public const int Subject = 1_000;

    /// <summary>Addresses kept per summary field; the rest are dropped from the summary (the raw message keeps them).</summary>
    public const int AddressesPerField = 100;

    /// <summary>Message-ids kept in References (the first and the most recent).</summary>
    public const int References = 50;

    /// <summary>Attachments described in a summary.</summary>
    public const int Attachments = 200;

    /// <summary>The serialized MIME structure, in bytes.</summary>
    public const int StructureBytes = 256 * 1024;

    /// <summary>An idempotency key, in characters.</summary>
    public const int IdempotencyKey = 200;
}
