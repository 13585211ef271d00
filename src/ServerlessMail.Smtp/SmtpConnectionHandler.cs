using Microsoft.Extensions.Logging;
using ServerlessMail.Net;

namespace ServerlessMail.Smtp;

/// <summary>
/// The SMTP server for one listener: a host creates one per port, with its role, and hands it to
/// <see cref="TcpListenerHost"/>. An implicit-TLS listener (465) pairs with <see cref="SmtpRole.Submissions"/>.
/// </summary>
public sealed class SmtpConnectionHandler : IConnectionHandler
{
    private readonly SmtpConnectionContext _context;

    /// <param name="certificate">Enables STARTTLS; without one the server never offers it (and so never offers AUTH on 587).</param>
    /// <param name="throttle">Shared by every listener, so failures on 587 also slow down 465.</param>
    public SmtpConnectionHandler(
        SmtpRole role,
        SmtpServerOptions options,
        SmtpServices services,
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
        if (role == SmtpRole.Submissions && certificate is null)
        {
            throw new ArgumentException("The implicit-TLS submission role needs a certificate.", nameof(certificate));
        }

        _context = new SmtpConnectionContext(role, options, services, certificate, throttle, logger, clock ?? TimeProvider.System);
    }

    public SmtpRole Role => _context.Role;

    public Task RunAsync(Connection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return new SmtpSession(_context, connection, cancellationToken).RunAsync();
    }

    /// <summary>Past the connection limits: 421 (RFC 5321 §3.1), except on an implicit-TLS port, which gets no plaintext.</summary>
    public async Task RefuseAsync(Connection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.IsImplicitTls)
        {
            return;
        }

        SmtpReplies.TooManyConnections(_context.Options.HostName).WriteTo(connection.Output);
        await connection.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
