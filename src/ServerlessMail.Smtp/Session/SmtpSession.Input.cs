using System.Buffers;
using System.IO.Pipelines;

namespace ServerlessMail.Smtp;

internal sealed partial class SmtpSession
{
    private Task<ReadResult>? _pendingRead;
    private bool _needMore;
    private bool _discardingLine;

    private PipeReader Input => _connection.Input;

    /// <summary>
    /// Reads the next command line, or null at the end of input (or when the session must close). Lines past the limit,
    /// and lines with a bare CR or LF, are answered here and count as bad commands.
    /// </summary>
    private async ValueTask<byte[]?> ReadCommandLineAsync()
    {
        var limit = Math.Max(Options.MaxCommandLineLength, Options.MaxAuthLineLength);
        while (!IsClosing)
        {
            var result = await ReadAsync(Options.CommandTimeout, SmtpReplies.Timeout).ConfigureAwait(false);
            var reader = new SequenceReader<byte>(result.Buffer);
            if (_discardingLine)
            {
                _discardingLine = !CommandLineFraming.TrySkipToLineEnd(ref reader);
                Input.AdvanceTo(reader.Position);
                if (!_discardingLine)
                {
                    Reject(SmtpRejection.CommandLineTooLong);
                }
                else if (result.IsCompleted)
                {
                    return null;
                }

                continue;
            }

            var framing = CommandLineFraming.TryRead(ref reader, limit, out var line);
            if (framing == FramingResult.NeedMore)
            {
                Input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
                _needMore = true;
                if (result.IsCompleted)
                {
                    return null;
                }

                continue;
            }

            var bytes = framing == FramingResult.Line ? line.ToArray() : null;
            Input.AdvanceTo(reader.Position);
            switch (framing)
            {
                case FramingResult.Line when bytes!.Length + 2 <= Options.MaxCommandLineLength || SmtpVerbParser.IsAuth(bytes):
                    return bytes;
                case FramingResult.Line or FramingResult.TooLong:
                    Reject(SmtpRejection.CommandLineTooLong);
                    break;
                case FramingResult.Overflow:
                    _discardingLine = true;
                    break;
                case FramingResult.BareLineEnding:
                    Reject(SmtpRejection.BareLineEndingInCommand);
                    break;
            }
        }

        return null;
    }

    /// <summary>Reads one line of a SASL exchange (RFC 4954 §4), up to the AUTH line limit; null at the end of input.</summary>
    public async ValueTask<byte[]?> ReadAuthResponseAsync()
    {
        while (true)
        {
            var result = await ReadAsync(Options.CommandTimeout, SmtpReplies.Timeout).ConfigureAwait(false);
            var reader = new SequenceReader<byte>(result.Buffer);
            var framing = CommandLineFraming.TryRead(ref reader, Options.MaxAuthLineLength, out var line);
            if (framing == FramingResult.NeedMore)
            {
                Input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
                _needMore = true;
                if (result.IsCompleted)
                {
                    return null;
                }

                continue;
            }

            var bytes = framing == FramingResult.Line ? line.ToArray() : [];
            Input.AdvanceTo(reader.Position);
            if (framing == FramingResult.Overflow)
            {
                _discardingLine = true;
            }

            if (Logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Debug))
            {
                SmtpLog.ClientLine(Logger, Id, "(SASL response redacted)");
            }

            // Anything but a clean line is answered as malformed by the caller (an empty array never decodes).
            return framing == FramingResult.Line ? bytes : "\0"u8.ToArray();
        }
    }

    /// <summary>
    /// The next input, with <paramref name="timeout"/>. Whatever is already buffered comes back at once; only before
    /// waiting for the network are the buffered replies flushed.
    /// </summary>
    private async ValueTask<ReadResult> ReadAsync(TimeSpan timeout, SmtpReply onTimeout)
    {
        if (_pendingRead is { } pending)
        {
            _pendingRead = null;
            await FlushAsync().ConfigureAwait(false);
            return await WithTimeoutAsync(pending, timeout, onTimeout).ConfigureAwait(false);
        }

        if (!_needMore && Input.TryRead(out var ready))
        {
            return ready;
        }

        _needMore = false;
        await FlushAsync().ConfigureAwait(false);
        var read = Input.ReadAsync(_cancellation);
        return read.IsCompleted ? read.Result : await WithTimeoutAsync(read.AsTask(), timeout, onTimeout).ConfigureAwait(false);
    }

    private async Task<ReadResult> WithTimeoutAsync(Task<ReadResult> read, TimeSpan timeout, SmtpReply onTimeout)
    {
        if (timeout <= TimeSpan.Zero)
        {
            Abandon(read);
            throw new SmtpTimeoutException(onTimeout);
        }

        using var timer = new CancellationTokenSource();
        var delay = Task.Delay(timeout, Context.Clock, timer.Token);
        if (await Task.WhenAny(read, delay).ConfigureAwait(false) != read)
        {
            Abandon(read);
            throw new SmtpTimeoutException(onTimeout);
        }

        await timer.CancelAsync().ConfigureAwait(false);
        return await read.ConfigureAwait(false);
    }

    /// <summary>
    /// RFC 5321 §3.1: the client waits for the greeting. On the inbound port the server waits a moment first; a peer that
    /// sends anything meanwhile is a spambot hurrying through (or a smuggling attempt) and is refused.
    /// </summary>
    private async Task<bool> TalkedBeforeGreetingAsync()
    {
        var read = Input.ReadAsync(_cancellation).AsTask();
        if (!read.IsCompleted && Options.GreetingDelay > TimeSpan.Zero)
        {
            using var timer = new CancellationTokenSource();
            await Task.WhenAny(read, Task.Delay(Options.GreetingDelay, Context.Clock, timer.Token)).ConfigureAwait(false);
            await timer.CancelAsync().ConfigureAwait(false);
        }

        if (!read.IsCompleted)
        {
            _pendingRead = read;
            return false;
        }

        var result = await read.ConfigureAwait(false);
        var talked = !result.Buffer.IsEmpty;
        Input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        _needMore = !talked;
        if (!talked && result.IsCompleted)
        {
            Close();
        }

        return talked;
    }

    private static void Abandon(Task read) =>
        _ = read.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    /// <summary>How many bytes the client sent that the parser has not consumed (what follows a STARTTLS line).</summary>
    public long UnreadInputLength() => Connection.BufferedInputLength();

    /// <summary>The pipes were replaced by TLS ones: nothing read or learned before the handshake carries over.</summary>
    public void OnTlsStarted()
    {
        _needMore = false;
        _discardingLine = false;
        Authentication = null;
    }
}
