using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ServerlessMail.EndToEnd.Tests;

/// <summary>
/// The real <c>serverlessmail serve</c> as a child process (<c>dotnet serverlessmail.dll</c>) on free loopback ports
/// with a temp data directory and <c>--greeting-delay 0</c>; started when its <c>ready </c> line arrives, stopped with
/// SIGTERM like an operator or a service manager would.
/// </summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private static readonly HashSet<int> HandedOut = [];

    private readonly Process _process;
    private readonly List<string> _log = [];

    private readonly bool _ownsDirectory;

    private ServeProcess(Process process, string dataDirectory, bool ownsDirectory)
    {
        _process = process;
        DataDirectory = dataDirectory;
        _ownsDirectory = ownsDirectory;
    }

    public string DataDirectory { get; }

    public IPEndPoint Smtp { get; private set; } = null!;

    public IPEndPoint Submission { get; private set; } = null!;

    public IPEndPoint Submissions { get; private set; } = null!;

    public IPEndPoint Imap { get; private set; } = null!;

    public IPEndPoint Imaps { get; private set; } = null!;

    /// <summary>Null for the edge (<c>--role edge</c>), which runs no API.</summary>
    public IPEndPoint? Api { get; private set; }

    public Uri ApiUrl => new($"http://{Api ?? throw new InvalidOperationException("This server runs no API (--role edge).")}");

    /// <summary>The admin token the first start wrote (account scope, every permission).</summary>
    public string AdminToken => File.ReadAllText(Path.Combine(DataDirectory, "admin.token")).Trim();

    /// <summary>The self-signed certificate the server made in its data directory, for clients to trust.</summary>
    public string CertificatePath => Path.Combine(DataDirectory, "tls", "cert.pem");

    /// <summary>What the server wrote on stderr (its log) and stdout, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return string.Join('\n', _log);
            }
        }
    }

    /// <summary>Starts serve; on <paramref name="dataDirectory"/> when given (left in place at the end), else on a temp one.</summary>
    public static Task<ServeProcess> StartAsync(IEnumerable<string>? extraArguments = null, IReadOnlyDictionary<string, string>? environment = null, string? dataDirectory = null)
    {
        var ownsDirectory = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("sm-e2e-").FullName;
        string[] arguments =
        [
            RepositoryLayout.CliAssembly, "serve", "--data-dir", dataDirectory, "--greeting-delay", "0",
            "--smtp-port", FreePort(), "--submission-port", FreePort(), "--submissions-port", FreePort(), "--imap-port", FreePort(), "--imaps-port", FreePort(), "--api-port", FreePort(), "--fsync", "false",
            .. extraArguments ?? [],
        ];
        return StartCommandAsync("dotnet", arguments, environment ?? new Dictionary<string, string>(), dataDirectory, ownsDirectory);
    }

    /// <summary>
    /// Starts exactly <paramref name="fileName"/> with <paramref name="arguments"/> and <paramref name="environment"/>
    /// (a container's entrypoint, say); <paramref name="dataDirectory"/> is where it keeps its files, deleted at the end.
    /// </summary>
    public static async Task<ServeProcess> StartCommandAsync(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string dataDirectory, bool ownsDirectory = true)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start serverlessmail serve.");
        var serve = new ServeProcess(process, dataDirectory, ownsDirectory);
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                ready.TrySetException(new InvalidOperationException($"serve exited before it was ready:\n{serve.Log}"));
                return;
            }

            serve.Record(e.Data);
            if (e.Data.StartsWith("ready ", StringComparison.Ordinal))
            {
                ready.TrySetResult(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) => serve.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            // A generous bound for a cold start on a busy 2-core machine; the server is ready in about a second.
            serve.Parse(await ready.Task.WaitAsync(TimeSpan.FromSeconds(90)));
        }
        catch
        {
            await serve.DisposeAsync();
            throw;
        }

        return serve;
    }

    /// <summary>Sends SIGTERM and returns the exit code once the server has drained and stopped.</summary>
    public async Task<int> StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        if (!_ownsDirectory)
        {
            return;
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleanup.
        }
    }

    /// <summary>
    /// A loopback port nothing listens on, never one handed out before in this run: the kernel may give the same
    /// ephemeral port to two probes in a row, and two listeners of one server cannot share it.
    /// </summary>
    public static string FreePort()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (HandedOut)
            {
                if (HandedOut.Add(port))
                {
                    return port.ToString(CultureInfo.InvariantCulture);
                }
            }
        }
    }

    /// <summary>The contract's line: <c>ready smtp=ADDR:PORT submission=ADDR:PORT submissions=ADDR:PORT imap=ADDR:PORT imaps=ADDR:PORT api=ADDR:PORT</c> (no api= on the edge).</summary>
    private void Parse(string line)
    {
        var fields = line["ready ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.Split('=', 2))
            .ToDictionary(f => f[0], f => IPEndPoint.Parse(f[1]), StringComparer.Ordinal);
        Smtp = fields["smtp"];
        Submission = fields["submission"];
        Submissions = fields["submissions"];
        Imap = fields["imap"];
        Imaps = fields["imaps"];
        Api = fields.GetValueOrDefault("api");
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Add(line);
        }
    }
}
