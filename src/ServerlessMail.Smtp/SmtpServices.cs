using ServerlessMail.Core;

namespace ServerlessMail.Smtp;

/// <summary>The Core services a session uses: the only way the SMTP server reaches storage.</summary>
public sealed record SmtpServices(MailIngestService Ingest, OutboundService Outbound, RecipientResolver Recipients, TokenService Tokens);
