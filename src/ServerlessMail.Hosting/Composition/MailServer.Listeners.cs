using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using ServerlessMail.Net;
using ServerlessMail.Smtp;

namespace ServerlessMail.Hosting;

/// <summary>The certificate and the three SMTP listeners.</summary>
public sealed partial class MailServer
{
    private ServerCertificate OpenCertificate()
    {
        try
        {
            if (_options.TlsCertificatePath is { } certificatePath && _options.TlsKeyPath is { } keyPath)
            {
                var fromFiles = ServerCertificate.FromPemFiles(certificatePath, keyPath);
                HostLog.Certificate(_logger, $"{certificatePath} (reloaded when the file changes)");
                return fromFiles;
            }

            var certificate = ServerCertificate.LoadOrCreateSelfSigned(_options.Store.DataDirectory, _options.HostName);
            HostLog.Certificate(_logger, $"self-signed for {_options.HostName}, kept in {Path.GetFullPath(Path.Combine(_options.Store.DataDirectory, "tls"))}");
            return certificate;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new ServerStartException($"could not load the TLS certificate: {exception.Message}", exception);
        }
    }

    private void StartListeners(SmtpServices services, ServerCertificate certificate, ILogger smtpLogger)
    {
        var smtp = new SmtpServerOptions
        {
            HostName = _options.HostName,
            GreetingDelay = _options.GreetingDelay,
            MaxMessageSize = _options.MaxMessageSize,
        };
        var throttle = new AuthThrottle(TimeProvider.System);
        SmtpEndPoint = Listen("smtp", _options.SmtpPort, SmtpRole.Inbound, implicitTls: false);
        SubmissionEndPoint = Listen("submission", _options.SubmissionPort, SmtpRole.Submission, implicitTls: false);
        SubmissionsEndPoint = Listen("submissions", _options.SubmissionsPort, SmtpRole.Submissions, implicitTls: true);

        IPEndPoint Listen(string name, int port, SmtpRole role, bool implicitTls)
        {
            var endPoint = new IPEndPoint(_options.ListenAddress, port);
            var handler = new SmtpConnectionHandler(role, smtp, services, certificate, throttle, smtpLogger);
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
}
