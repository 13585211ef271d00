namespace ServerlessMail.Smtp;

internal enum SaslMechanism
{
    Plain,
    Login,
}

/// <summary>A parsed AUTH command; <see cref="InitialResponse"/> is a secret and is never logged.</summary>
internal sealed record AuthCommand(SaslMechanism Mechanism, byte[]? InitialResponse)
{
    public override string ToString() => $"AuthCommand {{ Mechanism = {Mechanism}, InitialResponse = (redacted) }}";
}
