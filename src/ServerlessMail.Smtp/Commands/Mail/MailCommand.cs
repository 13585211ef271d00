namespace ServerlessMail.Smtp;

/// <summary>A parsed MAIL command.</summary>
internal sealed record MailCommand(SmtpPath Path, long? Size, bool SmtpUtf8);
