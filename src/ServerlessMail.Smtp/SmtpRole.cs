namespace ServerlessMail.Smtp;

/// <summary>What a listener is for. The role decides what the session offers and where accepted mail goes.</summary>
public enum SmtpRole
{
    /// <summary>The MX (25): mail for hosted domains only, no AUTH, STARTTLS offered, into the ingest path.</summary>
    Inbound,

    /// <summary>Message submission with STARTTLS (587, RFC 6409): AUTH under TLS, then mail from that inbox, into the outbound path.</summary>
    Submission,

    /// <summary>Message submission over implicit TLS (465, RFC 8314 §3.3): as <see cref="Submission"/>, TLS from the first byte.</summary>
    Submissions,
}
