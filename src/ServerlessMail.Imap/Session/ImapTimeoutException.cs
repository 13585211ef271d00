namespace ServerlessMail.Imap;

/// <summary>The client was silent past the timeout (RFC 3501 §5.4); the message goes in the BYE.</summary>
internal sealed class ImapTimeoutException(string message) : Exception(message);
