using System.Buffers;
using System.Text;
using Microsoft.Extensions.Logging;

namespace ServerlessMail.Imap;

internal sealed partial class ImapSession
{
    // A peer that stops reading must not hold a closing session open.
    private static readonly TimeSpan FinalFlushTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Where FETCH and the renderers write; <see cref="FlushAsync"/> sends it.</summary>
    public System.IO.Pipelines.PipeWriter Output => _connection.Output;

    public void Untagged(string text) => WriteLine("* " + text);

    public void Tagged(string tag, string text)
    {
        if (_deferredTag is not null && tag == _deferredTag && _deferredTagged is null)
        {
            _deferredTagged = tag + " " + text;
            return;
        }

        WriteLine(tag + " " + text);
    }

    public void Ok(string tag, string text) => Tagged(tag, "OK " + text);

    /// <summary>A refusal: <paramref name="code"/> is the RFC 5530 response code ("NONEXISTENT"), or null.</summary>
    public void No(string tag, string? code, string text) => Tagged(tag, code is null ? "NO " + text : $"NO [{code}] {text}");

    /// <summary>A syntax error or a command not allowed now; counts towards <see cref="ImapServerOptions.MaxBadCommands"/>.</summary>
    public void Bad(string tag, string text)
    {
        Tagged(tag, "BAD " + text);
        CountBad();
    }

    public void Continue(string text) => WriteLine("+ " + text);

    /// <summary>Logs a response line written straight to <see cref="Output"/> (FETCH), literals left out.</summary>
    /// <summary>Whether <see cref="LogServer"/> writes anything, so a hot loop can skip building its summary.</summary>
    public bool LogsServerLines => Logger.IsEnabled(LogLevel.Debug);

    public void LogServer(string summary)
    {
        if (LogsServerLines)
        {
            ImapLog.ServerLine(Logger, Id, summary);
        }
    }

    public async ValueTask FlushAsync() => await _connection.Output.FlushAsync(_cancellation).ConfigureAwait(false);

    /// <summary>A failed LOGIN/AUTHENTICATE; past <see cref="ImapServerOptions.MaxAuthFailures"/> the session says BYE.</summary>
    public void CountAuthFailure()
    {
        if (++_authFailures >= Options.MaxAuthFailures && !IsClosing)
        {
            WriteDeferredTagged();
            Untagged("BYE Too many authentication failures");
            ImapLog.Closing(Logger, Id, "too many authentication failures");
            Close();
        }
    }

    private void CountBad()
    {
        if (++_badCommands >= Options.MaxBadCommands && !IsClosing)
        {
            WriteDeferredTagged();
            Untagged("BYE Too many bad commands");
            ImapLog.Closing(Logger, Id, "too many bad commands");
            Close();
        }
    }

    /// <summary>A closing BYE follows the tagged response of the command that caused it.</summary>
    private void WriteDeferredTagged()
    {
        if (_deferredTagged is { } tagged)
        {
            _deferredTagged = null;
            WriteLine(tagged);
        }
    }

    private void WriteLine(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\r\n");
        _connection.Output.Write(bytes);
        LogServer(line);
    }

    /// <summary>Writes a final BYE and closes, without waiting long for a peer that does not read.</summary>
    public async Task ByeAndCloseAsync(string reason)
    {
        ImapLog.Closing(Logger, Id, reason);
        Close();
        try
        {
            Untagged("BYE " + reason);
            using var timeout = new CancellationTokenSource(FinalFlushTimeout);
            await _connection.Output.FlushAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // The peer is gone or not reading; the connection closes either way.
        }
    }

    /// <summary>The client's command for the transcript; LOGIN and AUTHENTICATE arguments are secrets and never logged.</summary>
    private void LogClient(System.Buffers.ReadOnlySequence<byte> bytes, ImapCommand? command)
    {
        if (!Logger.IsEnabled(LogLevel.Debug))
        {
            return;
        }

        string line;
        if (command is null)
        {
            line = "(unparsable command, " + bytes.Length + " octets)";
        }
        else if (command.Name is "LOGIN" or "AUTHENTICATE")
        {
            var mechanism = command.Name == "AUTHENTICATE" && command.Arguments.Count > 0 ? " " + command.Arguments[0].Text : string.Empty;
            line = $"{command.Tag} {command.Name}{mechanism} (redacted)";
        }
        else if (command.Arguments.Any(a => a.IsLiteral))
        {
            line = $"{command.Tag} {command.Name} (with literals, {bytes.Length} octets)";
        }
        else
        {
            line = Encoding.UTF8.GetString(bytes).TrimEnd('\r', '\n');
        }

        ImapLog.ClientLine(Logger, Id, line);
    }
}
