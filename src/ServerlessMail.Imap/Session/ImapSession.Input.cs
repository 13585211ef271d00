using System.Buffers;
using System.IO.Pipelines;

namespace ServerlessMail.Imap;

internal sealed partial class ImapSession
{
    private Task<ReadResult>? _pendingRead;
    private bool _needMore;
    private bool _discardingLine;
    private int _continuationsSent;

    private PipeReader Input => _connection.Input;

    private FrameLimits Limits => _state is AuthenticatedState
        ? new FrameLimits(Options.MaxLineLength, Options.AppendLimit, Options.AppendLimit + Options.MaxCommandLiterals)
        : new FrameLimits(Options.MaxLineLengthBeforeLogin, Options.MaxLiteralBeforeLogin, 2L * Options.MaxLiteralBeforeLogin);

    /// <summary>Reads and handles one command (or one framing error); false at the end of input.</summary>
    private async ValueTask<bool> ReadAndHandleAsync()
    {
        var result = await ReadAsync(Timeout).ConfigureAwait(false);
        var buffer = result.Buffer;
        if (_discardingLine)
        {
            var end = buffer.PositionOf((byte)'\n');
            if (end is null)
            {
                Input.AdvanceTo(buffer.End);
                return !result.IsCompleted;
            }

            Input.AdvanceTo(buffer.GetPosition(1, end.Value));
            _discardingLine = false;
            Bad("*", "Line too long");
            return true;
        }

        var frame = CommandFraming.TryFrame(buffer, Limits, _continuationsSent);
        switch (frame.Status)
        {
            case FrameStatus.NeedMore or FrameStatus.NeedContinuation:
                if (frame.Status == FrameStatus.NeedContinuation)
                {
                    // RFC 3501 §7.5: the client sends a synchronizing literal only after "+".
                    Continue("Ready for literal data");
                    _continuationsSent = frame.Literals + 1;
                }

                Input.AdvanceTo(buffer.Start, buffer.End);
                _needMore = true;
                return !result.IsCompleted;
            case FrameStatus.Complete:
                _continuationsSent = 0;
                if (frame.Length <= CopyLimit)
                {
                    var copy = buffer.Slice(0, frame.Length).ToArray();
                    Input.AdvanceTo(buffer.GetPosition(frame.Length));
                    await HandleAsync(new ReadOnlySequence<byte>(copy), inInputBuffer: false).ConfigureAwait(false);
                }
                else
                {
                    // A large literal (APPEND's message) is handled where it lies in the input buffer, not copied again.
                    try
                    {
                        await HandleAsync(buffer.Slice(0, frame.Length), inInputBuffer: true).ConfigureAwait(false);
                    }
                    finally
                    {
                        Input.AdvanceTo(buffer.GetPosition(frame.Length));
                    }
                }

                return true;
            case FrameStatus.LineTooLong:
                _continuationsSent = 0;
                if (frame.Length == 0)
                {
                    _discardingLine = true;
                    Input.AdvanceTo(buffer.End);
                    return !result.IsCompleted;
                }

                var longTag = CommandTokenizer.TagOf(buffer);
                Input.AdvanceTo(buffer.GetPosition(frame.Length));
                Bad(longTag, "Line too long");
                return true;
            case FrameStatus.LiteralTooBig:
                _continuationsSent = 0;
                var tag = CommandTokenizer.TagOf(buffer);
                Input.AdvanceTo(buffer.GetPosition(frame.Length));
                Tagged(tag, "NO [TOOBIG] Literal too big");
                CountBad();
                return true;
            case FrameStatus.NonSyncLiteralTooBig:
                // RFC 7888 §4: the octets are on their way and cannot be refused one by one.
                Input.AdvanceTo(buffer.GetPosition(frame.Length));
                await ByeAndCloseAsync("[TOOBIG] Literal too big").ConfigureAwait(false);
                return false;
            default:
                _continuationsSent = 0;
                var bareTag = CommandTokenizer.TagOf(buffer);
                Input.AdvanceTo(buffer.GetPosition(frame.Length));
                Bad(bareTag, "Lines end with CRLF");
                return true;
        }
    }

    private TimeSpan Timeout => _state is AuthenticatedState ? Options.IdleTimeout : Options.LoginTimeout;

    /// <summary>One line of a SASL exchange or IDLE's DONE, at most <paramref name="limit"/> bytes; null at the end of input.</summary>
    public async ValueTask<byte[]?> ReadLineAsync(int limit)
    {
        while (true)
        {
            var result = await ReadAsync(Timeout).ConfigureAwait(false);
            var buffer = result.Buffer;
            var end = buffer.PositionOf((byte)'\n');
            if (end is null)
            {
                if (buffer.Length > limit)
                {
                    Input.AdvanceTo(buffer.End);
                    _discardingLine = true;
                    return [];
                }

                Input.AdvanceTo(buffer.Start, buffer.End);
                _needMore = true;
                if (result.IsCompleted)
                {
                    return null;
                }

                continue;
            }

            var line = buffer.Slice(0, end.Value).ToArray();
            Input.AdvanceTo(buffer.GetPosition(1, end.Value));
            return line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;
        }
    }

    /// <summary>
    /// The next input. Whatever is buffered comes back at once; before waiting for the network the buffered responses
    /// are flushed. A logged-in session wakes up every <see cref="ImapServerOptions.TokenRecheckInterval"/> meanwhile
    /// to check its token is still valid.
    /// </summary>
    private async ValueTask<ReadResult> ReadAsync(TimeSpan timeout)
    {
        if (_pendingRead is null)
        {
            if (!_needMore && Input.TryRead(out var ready))
            {
                return ready;
            }

            _needMore = false;
            await FlushAsync().ConfigureAwait(false);
            var read = Input.ReadAsync(_cancellation);
            if (read.IsCompleted)
            {
                return read.Result;
            }

            _pendingRead = read.AsTask();
        }

        await FlushAsync().ConfigureAwait(false);
        var deadline = Context.Clock.GetUtcNow() + timeout;
        while (true)
        {
            var wait = deadline - Context.Clock.GetUtcNow();
            if (_state is AuthenticatedState && wait > Options.TokenRecheckInterval)
            {
                wait = Options.TokenRecheckInterval;
            }

            if (await WaitAsync(_pendingRead, wait).ConfigureAwait(false))
            {
                var done = _pendingRead;
                _pendingRead = null;
                return await done.ConfigureAwait(false);
            }

            if (Context.Clock.GetUtcNow() >= deadline)
            {
                throw new ImapTimeoutException("Autologout; idle for too long");
            }

            if (_state is AuthenticatedState authenticated && !await TokenStillValidAsync(authenticated.Identity, force: true).ConfigureAwait(false))
            {
                throw new ImapTimeoutException("Credentials revoked");
            }
        }
    }

    /// <summary>True when <paramref name="task"/> completed within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitAsync(Task task, TimeSpan timeout)
    {
        if (task.IsCompleted)
        {
            return true;
        }

        if (timeout <= TimeSpan.Zero)
        {
            return false;
        }

        using var timer = new CancellationTokenSource();
        var delay = Task.Delay(timeout, Context.Clock, timer.Token);
        var first = await Task.WhenAny(task, delay).ConfigureAwait(false);
        await timer.CancelAsync().ConfigureAwait(false);
        return first == task;
    }

    /// <summary>The pending read, for IDLE, which waits on input and on mailbox changes at once.</summary>
    public Task<ReadResult> PendingReadTask()
    {
        if (_pendingRead is null)
        {
            if (!_needMore && Input.TryRead(out var ready))
            {
                // Already buffered: leave it for the next read, which finds it at once.
                Input.AdvanceTo(ready.Buffer.Start);
                return Task.FromResult(ready);
            }

            _needMore = false;
            _pendingRead = Input.ReadAsync(_cancellation).AsTask();
        }

        return _pendingRead;
    }

    /// <summary>How many bytes the client sent that the session has not consumed (what follows a STARTTLS line).</summary>
    public long UnreadInputLength() => _pendingRead is not null ? 0 : _connection.BufferedInputLength();

    /// <summary>The pipes were replaced by TLS ones: nothing read before the handshake carries over.</summary>
    public void OnTlsStarted()
    {
        _needMore = false;
        _discardingLine = false;
        _continuationsSent = 0;
    }
}
