namespace ServerlessMail.Smtp;

/// <summary>The reply to a finished message transfer, and whether the session must close after it.</summary>
internal readonly record struct CommitOutcome(SmtpReply Reply, bool Close = false);
