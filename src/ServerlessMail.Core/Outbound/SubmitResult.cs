namespace ServerlessMail.Core;

/// <summary>The outcome of a submission: accepted (queued, with its Sent copy) or refused by quota.</summary>
public sealed record SubmitResult(OutboundEmail? Outbound, StoredMessage? SentCopy, QuotaDecision Quota)
{
    public bool Accepted => Outbound is not null;
}
