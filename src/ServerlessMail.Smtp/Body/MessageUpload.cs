using System.Buffers;
using System.IO.Pipelines;

namespace ServerlessMail.Smtp;

/// <summary>
/// One message on its way into Core. The session pushes raw DATA or BDAT bytes in; a <see cref="BodyScanner"/> turns
/// them into content, which flows through a bounded pipe to the committer (Core's accept or submit), reading it as a
/// Stream on its own task. Memory stays bounded by the pipe's pause threshold whatever the message size. The committer
/// sees the end of the stream only when the transfer finished cleanly; a rejection or an abort ends its stream with an
/// exception, so nothing partial is ever committed.
/// </summary>
internal sealed class MessageUpload
{
    private const int PieceSize = 4096;

    private readonly Pipe _pipe = new(new PipeOptions(pauseWriterThreshold: 256 * 1024, resumeWriterThreshold: 128 * 1024, useSynchronizationContext: false));
    private readonly Task<CommitOutcome> _commit;
    private byte[]? _scratch;
    private bool _sinkOpen = true;

    public MessageUpload(BodyScanner scanner, Func<Stream, Task<CommitOutcome>> commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        Scanner = scanner;
        _commit = Task.Run(async () =>
        {
            var stream = _pipe.Reader.AsStream();
            await using (stream.ConfigureAwait(false))
            {
                return await commit(stream).ConfigureAwait(false);
            }
        });
    }

    public BodyScanner Scanner { get; }

    /// <summary>Scans as much of <paramref name="input"/> as belongs to this message and forwards the content. Returns what it consumed.</summary>
    public async ValueTask<long> WriteAsync(ReadOnlySequence<byte> input)
    {
        var consumed = ScanInto(input);
        if (!_sinkOpen)
        {
            return consumed;
        }

        if (Scanner.Rejection != BodyRejection.None)
        {
            await CloseSinkAsync(new ContentRejectedException(Scanner.Rejection)).ConfigureAwait(false);
        }
        else
        {
            var flush = await _pipe.Writer.FlushAsync().ConfigureAwait(false);
            if (flush.IsCompleted)
            {
                // The committer stopped reading (a quota refusal, a fault): the rest of the message is only drained.
                await CloseSinkAsync(null).ConfigureAwait(false);
            }
        }

        return consumed;
    }

    /// <summary>The transfer ended cleanly: the reply is the content rejection, if any, or the committer's answer.</summary>
    public async Task<CommitOutcome> CompleteAsync(Func<BodyRejection, CommitOutcome> rejected)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        if (Scanner.Rejection != BodyRejection.None)
        {
            await CloseSinkAsync(new ContentRejectedException(Scanner.Rejection)).ConfigureAwait(false);
            await ObserveAsync().ConfigureAwait(false);
            return rejected(Scanner.Rejection);
        }

        await CloseSinkAsync(null).ConfigureAwait(false);
        return await _commit.ConfigureAwait(false);
    }

    /// <summary>The transfer stopped before its end: the committer fails, and nothing is stored.</summary>
    public async Task AbortAsync()
    {
        await CloseSinkAsync(new UploadAbortedException()).ConfigureAwait(false);
        await ObserveAsync().ConfigureAwait(false);
    }

    private long ScanInto(ReadOnlySequence<byte> input)
    {
        long consumed = 0;
        foreach (var segment in input)
        {
            var span = segment.Span;
            while (!span.IsEmpty && !Scanner.Ended)
            {
                var piece = span[..Math.Min(span.Length, PieceSize)];
                var output = _sinkOpen && Scanner.Rejection == BodyRejection.None
                    ? _pipe.Writer.GetSpan(piece.Length + 1)
                    : (_scratch ??= new byte[PieceSize + 1]);
                Scanner.Scan(piece, output, out var used, out var written);
                if (_sinkOpen && written > 0)
                {
                    _pipe.Writer.Advance(written);
                }

                consumed += used;
                span = span[used..];
            }

            if (Scanner.Ended)
            {
                break;
            }
        }

        return consumed;
    }

    private async ValueTask CloseSinkAsync(Exception? error)
    {
        if (_sinkOpen)
        {
            _sinkOpen = false;
            await _pipe.Writer.CompleteAsync(error).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for the committer after a rejection or abort; its failure is the expected outcome.</summary>
    private async Task ObserveAsync()
    {
        try
        {
            await _commit.ConfigureAwait(false);
        }
        catch (Exception exception) when (ContentRejectedException.IsFromClient(exception))
        {
            // The committer's stream ended with our own exception: the store discarded the partial message.
        }
    }
}
