using System.Diagnostics;

namespace ServerlessMail.Relay.Tests;

/// <summary>A real peer server run as a child process (node for aws-ses-v2-local, python3 for the SMTP peer), killed on dispose.</summary>
internal sealed class PeerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private PeerProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join("\n", _output);
            }
        }
    }

    /// <summary>Starts the process and waits for a stdout line starting with <paramref name="readyPrefix"/>; returns it.</summary>
    public static async Task<(PeerProcess Process, string ReadyLine)> StartAsync(string fileName, IEnumerable<string> arguments, string readyPrefix)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var peer = new PeerProcess(process);
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                ready.TrySetException(new InvalidOperationException($"{fileName} exited before it was ready:\n{peer.Output}"));
                return;
            }

            peer.Record(e.Data);
            if (e.Data.StartsWith(readyPrefix, StringComparison.Ordinal))
            {
                ready.TrySetResult(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) => peer.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // A generous bound for a cold start on a busy 2-core machine; a ready peer answers in well under a second.
        var line = await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return (peer, line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }
    }
}
