namespace ServerlessMail.Core;

public enum IngestState
{
    /// <summary>Stored durably; not yet delivered to every recipient.</summary>
    Accepted,

    /// <summary>Delivered to every hosted recipient (or none was hosted).</summary>
    Delivered,

    /// <summary>Gave up after the retry budget; kept for the operator.</summary>
    Failed,
}

/// <summary>The durable record of an accepted message, written right after its blob and before any acknowledgement.</summary>
public sealed record AcceptedMessage(
    string Id,
    string BlobKey,
    long Size,
    MessageEnvelope Envelope,
    DateTimeOffset AcceptedAt,
    IngestState State,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LastError);
