namespace ServerlessMail.Smtp;

/// <summary>A read timed out or data arrived too slowly: the session answers <see cref="Reply"/> and closes.</summary>
internal sealed class SmtpTimeoutException(SmtpReply reply) : Exception(reply.Text)
{
    public SmtpReply Reply { get; } = reply;
}
