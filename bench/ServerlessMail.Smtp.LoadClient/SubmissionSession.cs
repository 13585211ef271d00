using System.Diagnostics;
using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace ServerlessMail.Smtp.LoadClient;

/// <summary>
/// One authenticated submission session that sends messages until the shared budget runs out, one transaction after
/// another on the same connection (a transaction ends with the reply to the DATA content, which resets it, RFC 5321
/// §4.1.1.4). Records each message's latency: from writing MAIL to the reply after the content.
/// </summary>
internal sealed class SubmissionSession(LoadSettings settings, MessageFactory messages, LoadStatistics statistics) : IAsyncDisposable
{
    private SmtpConnection? _connection;
    private bool _pipelining;
    private bool _size;

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(settings.Host, settings.Port, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _connection = new SmtpConnection(new NetworkStream(socket, ownsSocket: true));
        if (settings.Tls == TlsMode.Implicit)
        {
            _connection.Upgrade(await HandshakeAsync(_connection.Stream, cancellationToken).ConfigureAwait(false));
        }

        await ExpectAsync(null, 220, cancellationToken).ConfigureAwait(false);
        var capabilities = await ExpectAsync("EHLO smtp-load.localhost", 250, cancellationToken).ConfigureAwait(false);
        if (settings.Tls == TlsMode.StartTls)
        {
            if (!capabilities.Advertises("STARTTLS"))
            {
                throw new IOException("The server does not offer STARTTLS.");
            }

            await ExpectAsync("STARTTLS", 220, cancellationToken).ConfigureAwait(false);
            _connection.Upgrade(await HandshakeAsync(_connection.Stream, cancellationToken).ConfigureAwait(false));

            // RFC 3207 §4.2: everything learned before TLS is forgotten; ask again.
            capabilities = await ExpectAsync("EHLO smtp-load.localhost", 250, cancellationToken).ConfigureAwait(false);
        }

        _pipelining = settings.Pipelining && capabilities.Advertises("PIPELINING");
        _size = capabilities.Advertises("SIZE");

        // RFC 4616 §2: authzid (empty), authcid, password, separated by NUL; sent as the initial response (RFC 4954 §4).
        var plain = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{settings.User}\0{settings.Token}"));
        await ExpectAsync("AUTH PLAIN " + plain, 235, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends messages while <see cref="LoadStatistics.TryTake"/> hands out numbers.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var connection = _connection ?? throw new InvalidOperationException("Connect first.");
        while (statistics.TryTake(out var number))
        {
            var started = Stopwatch.GetTimestamp();
            var reply = await SendOneAsync(connection, number, cancellationToken).ConfigureAwait(false);
            if (reply.Code == 250)
            {
                statistics.RecordSuccess(Stopwatch.GetElapsedTime(started));
                continue;
            }

            statistics.RecordFailure(reply);
            if (reply.Code == 421)
            {
                return;
            }

            connection.WriteLine("RSET");
            await connection.FlushAsync(cancellationToken).ConfigureAwait(false);
            await connection.ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        }

        connection.WriteLine("QUIT");
        await connection.FlushAsync(cancellationToken).ConfigureAwait(false);
        await connection.ReadReplyAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _connection?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>One transaction; returns the first reply that was not a success, or the final 250.</summary>
    private async Task<SmtpReply> SendOneAsync(SmtpConnection connection, int number, CancellationToken cancellationToken)
    {
        var mail = _size
            ? string.Create(CultureInfo.InvariantCulture, $"MAIL FROM:<{settings.Sender}> SIZE={messages.Size}")
            : $"MAIL FROM:<{settings.Sender}>";
        var commands = new[] { mail, $"RCPT TO:<{settings.To}>", "DATA" };
        var replies = new SmtpReply[commands.Length];
        if (_pipelining)
        {
            // RFC 2920 §3.1: DATA ends a group; the three replies come back in order.
            foreach (var command in commands)
            {
                connection.WriteLine(command);
            }

            await connection.FlushAsync(cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < commands.Length; i++)
            {
                replies[i] = await connection.ReadReplyAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            for (var i = 0; i < commands.Length; i++)
            {
                connection.WriteLine(commands[i]);
                await connection.FlushAsync(cancellationToken).ConfigureAwait(false);
                replies[i] = await connection.ReadReplyAsync(cancellationToken).ConfigureAwait(false);
                if (!replies[i].IsPositive)
                {
                    return replies[i];
                }
            }
        }

        if (replies[2].Code != 354)
        {
            // The first refusal explains the rest (a refused RCPT makes DATA fail with "no valid recipients").
            return Array.Find(replies, reply => reply.Code is not (250 or 354)) ?? replies[2];
        }

        messages.WriteMessage(connection.Output, number);
        await connection.FlushAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ReadReplyAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<SmtpReply> ExpectAsync(string? command, int code, CancellationToken cancellationToken)
    {
        var connection = _connection!;
        if (command is not null)
        {
            connection.WriteLine(command);
            await connection.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        var reply = await connection.ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        if (reply.Code != code)
        {
            var shown = command is null ? "the greeting" : command.StartsWith("AUTH", StringComparison.Ordinal) ? "AUTH PLAIN" : command;
            throw new IOException($"{shown}: expected {code}, got {reply.Text}");
        }

        return reply;
    }

    private async Task<SslStream> HandshakeAsync(Stream inner, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions { TargetHost = settings.Host };
        if (settings.Insecure)
        {
            // Only with --insecure: the local server's certificate is self-signed (host contract), so no chain validates.
            options.RemoteCertificateValidationCallback = (_, _, _, errors) => errors == SslPolicyErrors.None || settings.Insecure;
        }

        try
        {
            await ssl.AuthenticateAsClientAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return ssl;
    }
}
