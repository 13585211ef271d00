using System.Net;

namespace ServerlessMail.Net;

/// <summary>One listening port and the limits that protect it.</summary>
public sealed class ListenerOptions
{
    public required IPEndPoint EndPoint { get; init; }

    /// <summary>A name for logs and metrics ("smtp-inbound", "imaps").</summary>
    public required string Name { get; init; }

    /// <summary>TLS from the first byte (SMTP 465, IMAP 993) rather than STARTTLS.</summary>
    public bool ImplicitTls { get; init; }

    public int MaxConnections { get; init; } = 1_000;

    public int MaxConnectionsPerAddress { get; init; } = 20;

    /// <summary>How long a TLS handshake may take before the connection is dropped.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>On shutdown, how long sessions get to finish before they are cancelled.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(15);
}
