namespace ServerlessMail.Net;

/// <summary>What a client authenticated with. <see cref="Password"/> is a secret: never log it.</summary>
public sealed record SaslCredentials(string AuthorizationId, string UserName, string Password)
{
    public override string ToString() => $"SaslCredentials {{ UserName = {UserName}, Password = (redacted) }}";
}

public enum SaslError
{
    None,

    /// <summary>Not valid base64 (SMTP 501 5.5.2, IMAP BAD).</summary>
    MalformedBase64,

    /// <summary>Valid base64 but not the mechanism's shape.</summary>
    MalformedMessage,

    /// <summary>The client cancelled the exchange with "*" (RFC 4954 §4, RFC 3501 §6.2.2).</summary>
    Cancelled,
}
