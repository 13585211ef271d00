namespace ServerlessMail.Core;

/// <summary>
/// One outbound message on its way to a relay: the envelope for the external recipients and a way to open its cleaned
/// bytes (CRLF line ends, no Bcc). A relay may open the content more than once (SES hashes the request body before
/// sending it); each call returns a fresh stream from the start, which the caller disposes.
/// </summary>
public sealed class RelayMessage
{
    private readonly Func<CancellationToken, Task<Stream>> _open;

    public RelayMessage(string outboundId, string mailFrom, IReadOnlyList<string> recipients, long size, Func<CancellationToken, Task<Stream>> open)
    {
        ArgumentException.ThrowIfNullOrEmpty(outboundId);
        ArgumentNullException.ThrowIfNull(mailFrom);
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentNullException.ThrowIfNull(open);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (recipients.Count == 0)
        {
            throw new ArgumentException("A relayed message needs at least one recipient.", nameof(recipients));
        }

        OutboundId = outboundId;
        MailFrom = mailFrom;
        Recipients = recipients;
        Size = size;
        _open = open;
    }

    public string OutboundId { get; }

    /// <summary>The reverse path; empty for a null sender.</summary>
    public string MailFrom { get; }

    public IReadOnlyList<string> Recipients { get; }

    /// <summary>The cleaned message's length in bytes (for SMTP <c>SIZE=</c>, RFC 1870).</summary>
    public long Size { get; }

    public Task<Stream> OpenAsync(CancellationToken cancellationToken = default) => _open(cancellationToken);
}
