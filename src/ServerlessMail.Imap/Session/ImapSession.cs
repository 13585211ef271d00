using System.Buffers;
using Microsoft.Extensions.Logging;
using ServerlessMail.Net;

namespace ServerlessMail.Imap;

/// <summary>
/// One IMAP conversation. The loop frames a command (literals included, see <see cref="CommandFraming"/>), checks
/// it against <see cref="ImapStateTable"/>, hands it to that command's handler, which returns the next state, and
/// then reports what other sessions changed in the selected mailbox (RFC 3501 §7). Responses are buffered and
/// flushed when the session is about to wait for input, so pipelined commands get their responses in one write.
/// </summary>
internal sealed partial class ImapSession
{
    // Commands up to this size are copied out of the input buffer, so a handler can read more input (AUTHENTICATE, IDLE).
    private const int CopyLimit = 64 * 1024;

    private static long _lastId;

    private readonly Connection _connection;
    private readonly CancellationTokenSource _cancellationSource;
    private readonly CancellationToken _cancellation;
    private ImapState _state = NotAuthenticatedState.Instance;
    private int _badCommands;
    private int _authFailures;
    private string? _deferredTag;
    private string? _deferredTagged;

    public ImapSession(ImapConnectionContext context, Connection connection, CancellationToken cancellation)
    {
        Context = context;
        _connection = connection;

        // Linked, so a revocation of the session's token (ImapSession.Tokens.cs) can cut a wait for input or IDLE.
        _cancellationSource = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        _cancellation = _cancellationSource.Token;
        Id = Interlocked.Increment(ref _lastId);
    }

    public long Id { get; }

    public ImapConnectionContext Context { get; }

    public ImapServerOptions Options => Context.Options;

    public ImapServices Services => Context.Services;

    public ILogger Logger => Context.Logger;

    public Connection Connection => _connection;

    public CancellationToken Cancellation => _cancellation;

    public bool IsClosing { get; private set; }

    /// <summary>RFC 7162 §3.1: after ENABLE CONDSTORE (or a CONDSTORE-enabling command) FETCH responses carry MODSEQ.</summary>
    public bool CondStoreEnabled { get; set; }

    /// <summary>LOGIN and AUTHENTICATE only under TLS (RFC 8314, RFC 3501 §6.2.3 LOGINDISABLED).</summary>
    public bool CanLogin => _connection.IsTls;

    public bool CanStartTls => !_connection.IsTls && Context.Certificate is not null;

    public async Task RunAsync()
    {
        ImapLog.Opened(Logger, Id, _connection.RemoteEndPoint?.ToString());
        try
        {
            Untagged($"OK [{Capabilities.Line(this, _state)}] {Options.HostName} ServerlessMail IMAP4rev1 ready");
            while (!IsClosing)
            {
                if (!await ReadAndHandleAsync().ConfigureAwait(false))
                {
                    break;
                }
            }

            await FlushAsync().ConfigureAwait(false);
        }
        catch (ImapTimeoutException timeout)
        {
            await ByeAndCloseAsync(timeout.Message).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_revoked)
        {
            await ByeAndCloseAsync("Credentials revoked").ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            await ByeAndCloseAsync("Server shutting down").ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            // The peer went away (a completed pipe throws InvalidOperationException on write).
            ImapLog.Closing(Logger, Id, exception.GetType().Name);
        }
        catch (Exception exception)
        {
            ImapLog.SessionFault(Logger, Id, exception);
            await ByeAndCloseAsync("Internal server error").ConfigureAwait(false);
        }
        finally
        {
            _revocation?.Dispose();
            _cancellationSource.Dispose();
            ImapLog.Closed(Logger, Id);
        }
    }

    /// <summary>Ends the session after the responses written so far.</summary>
    public void Close() => IsClosing = true;

    /// <param name="inInputBuffer">The command still lies in the input buffer (it is over <see cref="CopyLimit"/>), so its handler must not read more input.</param>
    private async Task HandleAsync(ReadOnlySequence<byte> bytes, bool inInputBuffer)
    {
        var error = CommandTokenizer.TryTokenize(bytes, Options.MaxNesting, Options.MaxArguments, out var command);
        if (command is null)
        {
            LogClient(bytes, null);
            Bad(CommandTokenizer.TagOf(bytes), error ?? "Syntax error");
            return;
        }

        LogClient(bytes, command);
        if (!ImapStateTable.IsKnown(command.Name))
        {
            Bad(command.Tag, "Unknown command");
            return;
        }

        // RFC 3516 §4.4: a literal8 is only APPEND's message; the parser of every other command would take it for
        // a string it is not.
        if (command.Name != "APPEND" && command.Arguments.Any(a => a.Kind == TokenKind.Literal8))
        {
            Bad(command.Tag, "literal8 is only allowed in APPEND");
            return;
        }

        // IDLE, AUTHENTICATE and STARTTLS read on after their line; one that long is no real client's and is refused
        // before it could read past input the session still holds.
        if (inInputBuffer && command.Name is ("IDLE" or "AUTHENTICATE" or "STARTTLS"))
        {
            Bad(command.Tag, "Command line too long for " + command.Name);
            return;
        }

        if (!ImapStateTable.Allows(_state.Kind, command.Name))
        {
            Bad(command.Tag, _state.Kind == ImapStateKind.NotAuthenticated ? "Log in first" : "Not allowed in this state");
            return;
        }

        if (_state is AuthenticatedState authenticated && !await TokenStillValidAsync(authenticated.Identity, force: false).ConfigureAwait(false))
        {
            return;
        }

        // The tagged response waits until the mailbox changes are reported: untagged data comes before it (RFC 3501 §7).
        // STARTTLS's OK must go out before the handshake, so it is never held back.
        _deferredTag = command.Name == "STARTTLS" ? null : command.Tag;
        try
        {
            _state = await ImapCommands.DispatchAsync(this, _state, command).ConfigureAwait(false);
            if (_state is SelectedState selected && !IsClosing && command.Name is not ("IDLE" or "CLOSE" or "UNSELECT" or "LOGOUT"))
            {
                await ReportChangesAsync(selected, ImapStateTable.AllowsExpungeAfter(command.Name)).ConfigureAwait(false);
            }
        }
        finally
        {
            _deferredTag = null;
            WriteDeferredTagged();
        }

        if (_state is LogoutState)
        {
            Close();
        }
    }
}
