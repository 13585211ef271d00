using System.Text;

namespace ServerlessMail.Relay.Smtp;

/// <summary>
/// One session with the smarthost up to the point where mail can be sent: greeting, EHLO, TLS (STARTTLS or implicit),
/// EHLO again over TLS (RFC 3207 §4.2: the server forgets what it said before), and AUTH. Sending is in
/// <c>SmarthostSession.Transaction.cs</c>.
/// </summary>
internal sealed partial class SmarthostSession : IAsyncDisposable
{
    private readonly SmarthostOptions _options;
    private readonly SmtpClientConnection _connection;
    private EhloCapabilities _capabilities = EhloCapabilities.None;

    private SmarthostSession(SmarthostOptions options, SmtpClientConnection connection)
    {
        _options = options;
        _connection = connection;
    }

    public static async Task<SmarthostSession> OpenAsync(SmarthostOptions options, CancellationToken cancellationToken)
    {
        var connection = await SmtpClientConnection.ConnectAsync(options.Host, options.Port, options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        var session = new SmarthostSession(options, connection);
        try
        {
            await session.StartAsync(cancellationToken).ConfigureAwait(false);
            return session;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // RFC 5321 §4.1.1.10; a server that does not answer quickly is simply hung up on.
            await _connection.WriteLineAsync("QUIT", CancellationToken.None).ConfigureAwait(false);
            await _connection.ReadReplyAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or SmtpProtocolException or ObjectDisposedException)
        {
            // The message's fate is already decided; a failed goodbye changes nothing.
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        var tlsOptions = SmtpClientConnection.TlsOptions(_options.TlsTargetHost ?? _options.Host, _options.CertificateValidation);
        if (_options.Security == SmarthostSecurity.ImplicitTls)
        {
            await _connection.UpgradeToTlsAsync(tlsOptions, _options.CommandTimeout, cancellationToken).ConfigureAwait(false);
        }

        Expect("greeting", await _connection.ReadReplyAsync(_options.CommandTimeout, cancellationToken).ConfigureAwait(false), 220);
        await EhloAsync(cancellationToken).ConfigureAwait(false);
        if (_options.Security == SmarthostSecurity.StartTls)
        {
            if (!_capabilities.StartTls)
            {
                // Never fall back to plaintext: that is exactly what a STRIPTLS attacker wants.
                throw new SmtpProtocolException("The smarthost does not offer STARTTLS.");
            }

            Expect("STARTTLS", await CommandAsync("STARTTLS", cancellationToken).ConfigureAwait(false), 220);
            await _connection.UpgradeToTlsAsync(tlsOptions, _options.CommandTimeout, cancellationToken).ConfigureAwait(false);
            await EhloAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_options.Username is not null)
        {
            await AuthenticateAsync(_options.Username, _options.Password!, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task EhloAsync(CancellationToken cancellationToken)
    {
        var reply = await CommandAsync("EHLO " + _options.ClientName, cancellationToken).ConfigureAwait(false);
        if (reply.IsPositive)
        {
            _capabilities = EhloCapabilities.Parse(reply);
            return;
        }

        // RFC 5321 §3.2: a server that does not know EHLO gets HELO, and offers no extensions.
        Expect("HELO", await CommandAsync("HELO " + _options.ClientName, cancellationToken).ConfigureAwait(false), 250);
        _capabilities = EhloCapabilities.None;
    }

    /// <summary>AUTH PLAIN with an initial response (RFC 4954 §4, RFC 4616), else LOGIN. Secrets are only ever written to the socket.</summary>
    private async Task AuthenticateAsync(string user, string password, CancellationToken cancellationToken)
    {
        if (!_connection.IsTls)
        {
            throw new SmtpProtocolException("Refusing to authenticate without TLS.");
        }

        if (_capabilities.AuthMechanisms.Contains("PLAIN"))
        {
            var response = Base64("\0" + user + "\0" + password);
            Expect("AUTH PLAIN", await CommandAsync("AUTH PLAIN " + response, cancellationToken).ConfigureAwait(false), 235);
            return;
        }

        if (!_capabilities.AuthMechanisms.Contains("LOGIN"))
        {
            throw new SmtpProtocolException("The smarthost offers neither AUTH PLAIN nor AUTH LOGIN.");
        }

        Expect("AUTH LOGIN", await CommandAsync("AUTH LOGIN", cancellationToken).ConfigureAwait(false), 334);
        Expect("AUTH LOGIN", await CommandAsync(Base64(user), cancellationToken).ConfigureAwait(false), 334);
        Expect("AUTH LOGIN", await CommandAsync(Base64(password), cancellationToken).ConfigureAwait(false), 235);
    }

    private async Task<SmtpReply> CommandAsync(string line, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        await _connection.WriteLineAsync(line, cancellationToken).ConfigureAwait(false);
        return await _connection.ReadReplyAsync(timeout ?? _options.CommandTimeout, cancellationToken).ConfigureAwait(false);
    }

    private static void Expect(string stage, SmtpReply reply, int code, bool aboutMessage = false)
    {
        if (reply.Code != code)
        {
            throw new SmtpRejectedException(stage, reply, aboutMessage);
        }
    }

    private static string Base64(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
}
