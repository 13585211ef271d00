using System.Net.Security;
using System.Text;

namespace ServerlessMail.Smtp.Tests;

/// <summary>
/// The client side of a transcript test (MailKit-style replay): <c>C:</c> lines are sent, consecutive ones in a single
/// write (pipelining), and each <c>S:</c> line must be a prefix of the next reply line the server sent.
/// </summary>
internal sealed class SmtpTestClient : IAsyncDisposable
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(30);
    private readonly List<byte> _pending = [];
    private readonly Stream _transport;
    private Stream _stream;

    public SmtpTestClient(Stream stream, Task server)
    {
        _transport = stream;
        _stream = stream;
        Server = server;
    }

    /// <summary>The server session; it completes when the session ends.</summary>
    public Task Server { get; }

    public Stream Stream => _stream;

    public Task SendAsync(string text) => SendRawAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendRawAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    public Task SendLineAsync(string line) => SendAsync(line + "\r\n");

    /// <summary>Replays a transcript of <c>C: line</c> and <c>S: expected-prefix</c> lines.</summary>
    public async Task RunAsync(string transcript)
    {
        var batch = new StringBuilder();
        foreach (var raw in transcript.Split('\n'))
        {
            var line = raw.TrimEnd('\r').TrimStart();
            if (line.StartsWith("C: ", StringComparison.Ordinal) || line == "C:")
            {
                batch.Append(line.Length > 3 ? line[3..] : string.Empty).Append("\r\n");
            }
            else if (line.StartsWith("S: ", StringComparison.Ordinal))
            {
                if (batch.Length > 0)
                {
                    await SendAsync(batch.ToString());
                    batch.Clear();
                }

                await ExpectLineAsync(line[3..]);
            }
        }

        if (batch.Length > 0)
        {
            await SendAsync(batch.ToString());
        }
    }

    public async Task<string> ExpectLineAsync(string prefix)
    {
        var actual = await ReadLineAsync();
        Assert.True(actual is not null && actual.StartsWith(prefix, StringComparison.Ordinal), $"expected '{prefix}…' but the server said '{actual ?? "(closed)"}'");
        return actual!;
    }

    /// <summary>Reads a whole (possibly multi-line) reply.</summary>
    public async Task<IReadOnlyList<string>> ReadReplyAsync()
    {
        var lines = new List<string>();
        while (true)
        {
            var line = await ReadLineAsync() ?? throw new InvalidOperationException("The server closed mid-reply.");
            lines.Add(line);
            if (line.Length < 4 || line[3] != '-')
            {
                return lines;
            }
        }
    }

    /// <summary>Reads one CRLF-terminated line, or null at the end of the stream.</summary>
    public async Task<string?> ReadLineAsync()
    {
        using var timeout = new CancellationTokenSource(ReadTimeout);
        var buffer = new byte[1];
        while (true)
        {
            var index = _pending.IndexOf((byte)'\n');
            if (index >= 0)
            {
                var line = Encoding.UTF8.GetString(_pending.GetRange(0, index).ToArray()).TrimEnd('\r');
                _pending.RemoveRange(0, index + 1);
                return line;
            }

            var chunk = new byte[4096];
            int read;
            try
            {
                read = await _stream.ReadAsync(chunk, timeout.Token);
            }
            catch (IOException)
            {
                read = 0;
            }

            if (read == 0)
            {
                return null;
            }

            _pending.AddRange(chunk.AsSpan(0, read).ToArray());
        }
    }

    /// <summary>Asserts that the server has nothing more to say and closed the connection.</summary>
    public async Task ExpectClosedAsync()
    {
        var line = await ReadLineAsync();
        Assert.True(line is null, $"expected the connection to close, but the server said '{line}'");
        await Server.WaitAsync(ReadTimeout);
    }

    /// <summary>Switches this client to TLS, trusting exactly the test certificate.</summary>
    public async Task StartTlsAsync()
    {
        Assert.Empty(_pending);
        var tls = new SslStream(_stream, leaveInnerStreamOpen: true, (_, certificate, _, _) =>
            certificate?.GetCertHashString() == TestCertificate.Instance.Current.GetCertHashString());
        await tls.AuthenticateAsClientAsync("localhost");
        _stream = tls;
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        await _transport.DisposeAsync();
        try
        {
            await Server.WaitAsync(ReadTimeout);
        }
        catch (TimeoutException)
        {
            // Reported by the test that left the session hanging; disposal must not hide its own failure.
        }
    }
}
