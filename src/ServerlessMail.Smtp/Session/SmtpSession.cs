using System.Text;
using Microsoft.Extensions.Logging;
using ServerlessMail.Net;

namespace ServerlessMail.Smtp;

/// <summary>
/// One SMTP conversation. The loop reads a command line, checks it against <see cref="SmtpStateTable"/>, and hands it
/// to that command's handler, which returns the next state. Replies are buffered and flushed only when the session is
/// about to wait for input, so pipelined commands (RFC 2920) get their replies in one write.
/// </summary>
internal sealed partial class SmtpSession
{
    private static long _lastId;

    private readonly Connection _connection;

    // The server's shutdown token, linked with this session's own: a revoked token cancels only its sessions.
    private readonly CancellationTokenSource _sessionCancellation;
    private readonly CancellationToken _cancellation;
    private SmtpAuthentication? _authentication;
    private IDisposable? _revocation;
    private volatile bool _revoked;
    private SmtpState _state = InitialState.Instance;
    private int _badCommands;
    private int _rejectedRecipients;
    private int _authFailures;
    private int _messages;

    public SmtpSession(SmtpConnectionContext context, Connection connection, CancellationToken cancellation)
    {
        Context = context;
        _connection = connection;
        _sessionCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        _cancellation = _sessionCancellation.Token;
        Id = Interlocked.Increment(ref _lastId);
    }

    public long Id { get; }

    public SmtpConnectionContext Context { get; }

    public SmtpServerOptions Options => Context.Options;

    public SmtpRole Role => Context.Role;

    public ILogger Logger => Context.Logger;

    public Connection Connection => _connection;

    public CancellationToken Cancellation => _cancellation;

    public bool IsSubmission => Role != SmtpRole.Inbound;

    /// <summary>
    /// Set by AUTH; cleared by STARTTLS (RFC 3207 §4.2 discards everything learned before TLS). While set, the session
    /// listens for its token's revocation and ends at once with 421 when it comes.
    /// </summary>
    public SmtpAuthentication? Authentication
    {
        get => _authentication;
        set
        {
            _revocation?.Dispose();
            _revocation = value is null ? null : Context.Services.Tokens.Revocations.Subscribe(value.Principal.TokenId, OnTokenRevoked);
            _authentication = value;
        }
    }

    /// <summary>STARTTLS is offered while the connection is in cleartext and a certificate is configured.</summary>
    public bool CanStartTls => !_connection.IsTls && Context.Certificate is not null;

    /// <summary>AUTH is offered on the submission roles only, and only under TLS (RFC 4954 §4, RFC 8314).</summary>
    public bool CanAuthenticate => IsSubmission && _connection.IsTls;

    public bool IsClosing { get; private set; }

    public async Task RunAsync()
    {
        SmtpLog.Opened(Logger, Id, Role, _connection.RemoteEndPoint?.ToString());
        try
        {
            if (Role == SmtpRole.Submissions && !_connection.IsTls)
            {
                SmtpLog.NotTls(Logger, Id);
                return;
            }

            if (Role == SmtpRole.Inbound && await TalkedBeforeGreetingAsync().ConfigureAwait(false))
            {
                await ReplyAndCloseAsync(SmtpReplies.TalkedBeforeGreeting, "talked before the greeting").ConfigureAwait(false);
                return;
            }

            Reply(SmtpReplies.Greeting(Options.HostName));
            while (!IsClosing)
            {
                var line = await ReadCommandLineAsync().ConfigureAwait(false);
                if (line is null)
                {
                    break;
                }

                await HandleLineAsync(line).ConfigureAwait(false);
            }

            await FlushAsync().ConfigureAwait(false);
        }
        catch (SmtpTimeoutException timeout)
        {
            await ReplyAndCloseAsync(timeout.Reply, timeout.Message).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_revoked)
        {
            await ReplyAndCloseAsync(SmtpReplies.CredentialsRevoked, "the token was revoked").ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            await ReplyAndCloseAsync(SmtpReplies.ShuttingDown, "the server is stopping").ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
            // The peer went away: an ordinary end of a connection.
            SmtpLog.Closing(Logger, Id, exception.GetType().Name);
        }
        catch (Exception exception)
        {
            SmtpLog.SessionFault(Logger, Id, exception);
        }
        finally
        {
            if (_state is ChunkingState chunking)
            {
                await chunking.Upload.AbortAsync().ConfigureAwait(false);
            }

            Authentication = null;
            _sessionCancellation.Dispose();
            SmtpLog.Closed(Logger, Id);
        }
    }

    /// <summary>
    /// The token was revoked (TokenRevocations, on the revoking thread): cancel whatever the session awaits (a command,
    /// a DATA transfer), and the loop answers 421 4.7.0 and closes. A message not yet committed is not accepted.
    /// </summary>
    private void OnTokenRevoked()
    {
        _revoked = true;
        try
        {
            _ = _sessionCancellation.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            // The session ended while the revoke was on its way.
        }
    }

    /// <summary>Ends the session after the replies written so far.</summary>
    public void Close() => IsClosing = true;

    /// <summary>A number for this session's next message, for Received ids.</summary>
    public int NextMessageNumber() => ++_messages;

    private async Task HandleLineAsync(byte[] line)
    {
        var verb = SmtpVerbParser.Parse(line, out var argumentsStart);
        if (Logger.IsEnabled(LogLevel.Debug))
        {
            SmtpLog.ClientLine(Logger, Id, verb == SmtpVerb.Auth ? RedactedAuthLine(line, argumentsStart) : Encoding.UTF8.GetString(line));
        }

        var arguments = line.AsMemory(argumentsStart);
        if (verb == SmtpVerb.Bdat && !SmtpStateTable.Allows(_state.Kind, verb))
        {
            // The chunk follows the command whatever the reply: read past it to stay in sync (RFC 3030 §2).
            await BdatHandler.RefuseAsync(this, arguments, SmtpStateTable.RejectionFor(_state.Kind, verb)).ConfigureAwait(false);
            return;
        }

        if (verb == SmtpVerb.Expn)
        {
            Reject(SmtpRejection.NotImplemented);
            return;
        }

        if (!SmtpStateTable.Allows(_state.Kind, verb))
        {
            Reject(SmtpStateTable.RejectionFor(_state.Kind, verb));
            return;
        }

        _state = await DispatchAsync(verb, arguments).ConfigureAwait(false);
    }

    private ValueTask<SmtpState> DispatchAsync(SmtpVerb verb, ReadOnlyMemory<byte> arguments) => verb switch
    {
        SmtpVerb.Ehlo => EhloHandler.HandleAsync(this, _state, arguments, extended: true),
        SmtpVerb.Helo => EhloHandler.HandleAsync(this, _state, arguments, extended: false),
        SmtpVerb.Mail => MailHandler.HandleAsync(this, (ReadyState)_state, arguments),
        SmtpVerb.Rcpt => RcptHandler.HandleAsync(this, _state, arguments),
        SmtpVerb.Data => DataHandler.HandleAsync(this, (RecipientsState)_state, arguments),
        SmtpVerb.Bdat => BdatHandler.HandleAsync(this, _state, arguments),
        SmtpVerb.Rset => RsetHandler.HandleAsync(this, _state, arguments),
        SmtpVerb.Noop => NoopHandler.HandleAsync(this, _state, arguments),
        SmtpVerb.Quit => QuitHandler.HandleAsync(this, _state, arguments),
        SmtpVerb.Vrfy => VrfyHandler.HandleAsync(this, _state, arguments),
        SmtpVerb.Help => HelpHandler.HandleAsync(this, _state, arguments),
        SmtpVerb.StartTls => StartTlsHandler.HandleAsync(this, (ReadyState)_state, arguments),
        SmtpVerb.Auth => AuthHandler.HandleAsync(this, (ReadyState)_state, arguments),
        _ => throw new InvalidOperationException($"No handler for {verb}."),
    };

    private static string RedactedAuthLine(byte[] line, int argumentsStart)
    {
        // Keep the mechanism name; the initial response is a secret (PLAIN) or an identity (LOGIN).
        var arguments = line.AsSpan(argumentsStart);
        var space = arguments.IndexOf((byte)' ');
        var mechanism = Encoding.ASCII.GetString(space < 0 ? arguments : arguments[..space]);
        return space < 0 ? $"AUTH {mechanism}" : $"AUTH {mechanism} (redacted)";
    }
}
