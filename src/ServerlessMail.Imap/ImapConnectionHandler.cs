using Microsoft.Extensions.Logging;
using ServerlessMail.Net;

namespace ServerlessMail.Imap;

/// <summary>
/// The IMAP server for one listener: a host creates one per port and hands it to <see cref="TcpListenerHost"/>. The
/// same handler serves a STARTTLS port (143) and an implicit-TLS port (993, the listener does the handshake first):
/// each connection says which it is.
/// </summary>
public sealed class ImapConnectionHandler : IConnectionHandler
{
    private readonly ImapConnectionContext _context;

    /// <param name="certificate">Enables STARTTLS. Without one, a cleartext connection can never log in (LOGINDISABLED).</param>
    /// <param name="throttle">Shared by every listener (and with SMTP, if the host likes), so failures on 143 also slow down 993.</param>
    public ImapConnectionHandler(
        ImapServerOptions options,
        ImapServices services,
        ServerCertificate? certificate,
        AuthThrottle throttle,
        ILogger logger,
        TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(throttle);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _context = new ImapConnectionContext(options, services, certificate, throttle, logger, clock ?? TimeProvider.System);
    }

    public Task RunAsync(Connection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return new ImapSession(_context, connection, cancellationToken).RunAsync();
    }

    /// <summary>Past the connection limits: "* BYE" (RFC 3501 §7.1.5), except on an implicit-TLS port, which gets no plaintext.</summary>
    public async Task RefuseAsync(Connection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.IsImplicitTls)
        {
            return;
        }

        await connection.Output.WriteAsync("* BYE Too many connections, try again later\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
    }
}
