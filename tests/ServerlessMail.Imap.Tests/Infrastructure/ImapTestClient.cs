using System.Net.Security;
using System.Text;
using System.Text.RegularExpressions;
using ServerlessMail.Smtp.Tests;

namespace ServerlessMail.Imap.Tests;

/// <summary>
/// The client side of a transcript test. <see cref="CommandAsync"/> sends a command and collects every response line
/// up to the tagged one; a response line with a literal comes back as one string, literal included.
/// </summary>
internal sealed partial class ImapTestClient : IAsyncDisposable
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(30);
    private readonly List<byte> _pending = [];
    private readonly Stream _transport;
    private Stream _stream;

    public ImapTestClient(Stream stream, Task server)
    {
        _transport = stream;
        _stream = stream;
        Server = server;
    }

    public Task Server { get; }

    public Task SendAsync(string text) => SendRawAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendRawAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    /// <summary>Sends <paramref name="line"/> and reads up to its tagged response, which must start with <paramref name="expectTagged"/>.</summary>
    public async Task<List<string>> CommandAsync(string line, string expectTagged)
    {
        await SendAsync(line + "\r\n");
        var tag = line[..line.IndexOf(' ', StringComparison.Ordinal)];
        return await ReadUntilTaggedAsync(tag, expectTagged);
    }

    public async Task<List<string>> ReadUntilTaggedAsync(string tag, string expectTagged)
    {
        var lines = new List<string>();
        while (true)
        {
            var response = await ReadResponseAsync() ?? throw new InvalidOperationException("The server closed; so far: " + string.Join(" | ", lines));
            lines.Add(response);
            if (response.StartsWith(tag + " ", StringComparison.Ordinal))
            {
                Assert.True(response.StartsWith(expectTagged, StringComparison.Ordinal), $"expected '{expectTagged}…' but got '{response}'; before: {string.Join(" | ", lines)}");
                return lines;
            }
        }
    }

    /// <summary>
    /// Sends a command whose first response line ends in a literal (<c>{n}</c> or <c>~{n}</c>): that line, the
    /// literal's octets exactly as sent (for binary data, which a string would not keep), and the lines that follow up
    /// to the tagged response.
    /// </summary>
    public async Task<(string Line, byte[] Literal, List<string> After)> CommandLiteralAsync(string command, string expectTagged)
    {
        await SendAsync(command + "\r\n");
        var line = await ReadLineAsync() ?? throw new InvalidOperationException("The server closed.");
        var literal = LiteralAtEnd().Match(line);
        Assert.True(literal.Success, $"no literal at the end of '{line}'");
        var bytes = await ReadBytesAsync(int.Parse(literal.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        var rest = await ReadUntilTaggedAsync(command[..command.IndexOf(' ', StringComparison.Ordinal)], expectTagged);
        return (line, bytes, rest);
    }

    public async Task<string> ExpectLineAsync(string prefix)
    {
        var actual = await ReadResponseAsync();
        Assert.True(actual is not null && actual.StartsWith(prefix, StringComparison.Ordinal), $"expected '{prefix}…' but the server said '{actual ?? "(closed)"}'");
        return actual!;
    }

    /// <summary>One response line, with any literals it carries inlined; null at the end of the stream.</summary>
    public async Task<string?> ReadResponseAsync()
    {
        var builder = new StringBuilder();
        while (true)
        {
            var line = await ReadLineAsync();
            if (line is null)
            {
                return builder.Length == 0 ? null : builder.ToString();
            }

            builder.Append(line);
            var literal = LiteralAtEnd().Match(line);
            if (!literal.Success)
            {
                return builder.ToString();
            }

            var size = int.Parse(literal.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            builder.Append("\r\n").Append(Encoding.UTF8.GetString(await ReadBytesAsync(size)));
        }
    }

    public async Task<string?> ReadLineAsync()
    {
        while (true)
        {
            var index = _pending.IndexOf((byte)'\n');
            if (index >= 0)
            {
                var line = Encoding.UTF8.GetString(_pending.GetRange(0, index).ToArray()).TrimEnd('\r');
                _pending.RemoveRange(0, index + 1);
                return line;
            }

            if (!await FillAsync())
            {
                return null;
            }
        }
    }

    public async Task ExpectClosedAsync()
    {
        string? line;
        while ((line = await ReadLineAsync()) is not null)
        {
            Assert.StartsWith("* BYE", line, StringComparison.Ordinal);
        }

        await Server.WaitAsync(ReadTimeout);
    }

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
            // Reported by the test that left the session hanging.
        }
    }

    private async Task<byte[]> ReadBytesAsync(int count)
    {
        while (_pending.Count < count)
        {
            if (!await FillAsync())
            {
                throw new InvalidOperationException("The server closed inside a literal.");
            }
        }

        var bytes = _pending.GetRange(0, count).ToArray();
        _pending.RemoveRange(0, count);
        return bytes;
    }

    private async Task<bool> FillAsync()
    {
        using var timeout = new CancellationTokenSource(ReadTimeout);
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            read = await _stream.ReadAsync(chunk, timeout.Token);
        }
        catch (IOException)
        {
            read = 0;
        }

        _pending.AddRange(chunk.AsSpan(0, read).ToArray());
        return read > 0;
    }

    [GeneratedRegex(@"\{(\d+)\}$")]
    private static partial Regex LiteralAtEnd();
}
