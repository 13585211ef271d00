namespace ServerlessMail.Net;

/// <summary>A protocol's session entry point: runs one connection to its end.</summary>
public interface IConnectionHandler
{
    Task RunAsync(Connection connection, CancellationToken cancellationToken);

    /// <summary>Answers a connection refused by the limits (SMTP "421", IMAP "* BYE") before it is closed.</summary>
    Task RefuseAsync(Connection connection, CancellationToken cancellationToken);
}
