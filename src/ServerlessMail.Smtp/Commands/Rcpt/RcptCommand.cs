namespace ServerlessMail.Smtp;

/// <summary>A parsed RCPT command; <see cref="Postmaster"/> for the domain-less <c>&lt;Postmaster&gt;</c> of RFC 5321 §4.1.1.3.</summary>
internal sealed record RcptCommand(SmtpPath? Path, bool Postmaster);
