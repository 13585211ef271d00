using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using ServerlessMail.Imap;
using ServerlessMail.Net;
using ServerlessMail.Smtp;

namespace ServerlessMail.Hosting;

/// <summary>The certificate, the three SMTP listeners and the two IMAP listeners.</summary>
public sealed partial class MailServer
{
    private async Task<ServerCertificate> OpenCertificateAsync(OpenedStore opened, CancellationToken cancellationToken)
    {
        try
        {
            if (_options.TlsCertificatePath is { } certificatePath && _options.TlsKeyPath is { } keyPath)
            {
                if (S3Location.Parse(certificatePath) is { } certificateObject && S3Location.Parse(keyPath) is { } keyObject)
                {
                    // The binder made sure both are s3:// and the store is AWS, so its S3 client is there.
                    var fromS3 = await S3Certificate.LoadAsync(opened.S3!, certificateObject, keyObject, _options.TlsReloadInterval, _logger, cancellationToken).ConfigureAwait(false);
                    _owned.Add(fromS3);
                    HostLog.Certificate(_logger, $"{certificateObject} (ETag re-checked every {_options.TlsReloadInterval})");
                    return fromS3.Certificate;
                }

                var fromFiles = ServerCertificate.FromPemFiles(certificatePath, keyPath);
                _ownedSync.Add(fromFiles);
                HostLog.Certificate(_logger, $"{certificatePath} (reloaded when the file changes)");
                return fromFiles;
            }

            var certificate = ServerCertificate.LoadOrCreateSelfSigned(_options.Store.DataDirectory, _options.HostName);
            _ownedSync.Add(certificate);
            HostLog.Certificate(_logger, $"self-signed for {_options.HostName}, kept in {Path.GetFullPath(Path.Combine(_options.Store.DataDirectory, "tls"))}");
            return certificate;
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException or CryptographicException or Amazon.S3.AmazonS3Exception or Amazon.Runtime.AmazonClientException or HttpRequestException)
        {
            throw new ServerStartException($"could not load the TLS certificate: {exception.Message}", exception);
        }
    }

    /// <summary>
    /// The three SMTP listeners and the two IMAP ones, all with the same certificate, one auth throttle (failures on
    /// any port slow down every other), the per-address connection limit and the drain on shutdown.
    /// </summary>
    private void StartListeners(ServerServices services, ServerCertificate certificate, ILoggerFactory loggers)
    {
        var smtp = new SmtpServerOptions
        {
            HostName = _options.HostName,
            GreetingDelay = _options.GreetingDelay,
            MaxMessageSize = _options.MaxMessageSize,
        };
        var throttle = new AuthThrottle(TimeProvider.System);
        var smtpServices = new SmtpServices(services.Ingest, services.Outbound, services.Recipients, services.Tokens);
        var smtpLogger = loggers.CreateLogger("ServerlessMail.Smtp");
        SmtpEndPoint = Listen("smtp", _options.SmtpPort, implicitTls: false, new SmtpConnectionHandler(SmtpRole.Inbound, smtp, smtpServices, certificate, throttle, smtpLogger), certificate);
        SubmissionEndPoint = Listen("submission", _options.SubmissionPort, implicitTls: false, new SmtpConnectionHandler(SmtpRole.Submission, smtp, smtpServices, certificate, throttle, smtpLogger), certificate);
        SubmissionsEndPoint = Listen("submissions", _options.SubmissionsPort, implicitTls: true, new SmtpConnectionHandler(SmtpRole.Submissions, smtp, smtpServices, certificate, throttle, smtpLogger), certificate);

        var imap = new ImapServerOptions
        {
            HostName = _options.HostName,
            AppendLimit = _options.MaxMessageSize,
            IdlePollInterval = _options.IdlePollInterval,
        };
        var imapServices = new ImapServices(services.Store, services.Blobs, services.Tokens, services.Append, services.Notifier);

        // One handler serves both ports: each connection says whether the listener already did the TLS handshake.
        var imapHandler = new ImapConnectionHandler(imap, imapServices, certificate, throttle, loggers.CreateLogger("ServerlessMail.Imap"));
        ImapEndPoint = Listen("imap", _options.ImapPort, implicitTls: false, imapHandler, certificate);
        ImapsEndPoint = Listen("imaps", _options.ImapsPort, implicitTls: true, imapHandler, certificate);
    }

    private IPEndPoint Listen(string name, int port, bool implicitTls, IConnectionHandler handler, ServerCertificate certificate)
    {
        var endPoint = new IPEndPoint(_options.ListenAddress, port);
        var listener = new TcpListenerHost(
            new ListenerOptions
            {
                EndPoint = endPoint,
                Name = name,
                ImplicitTls = implicitTls,
                MaxConnectionsPerAddress = _options.MaxConnectionsPerAddress,
                DrainTimeout = _options.DrainTimeout,
            },
            handler,
            certificate);
        listener.ConnectionFaulted += (options, remote, exception) => HostLog.ConnectionFaulted(_logger, options.Name, remote, exception);
        try
        {
            listener.Start();
        }
        catch (SocketException exception)
        {
            throw new ServerStartException($"cannot listen on {endPoint} ({name}): {exception.Message}", exception);
        }

        _listeners.Add(listener);
        var bound = listener.LocalEndPoint ?? endPoint;
        HostLog.Listening(_logger, name, bound);
        return bound;
    }
}
