using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using ServerlessMail.Core;

namespace ServerlessMail.Hosting.Tests;

/// <summary>The IMAP listeners in the server's process: the same certificate as SMTP, token login, the same store.</summary>
public sealed class ImapHostingTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("sm-imap-host-");

    [Fact]
    public async Task TheImplicitTlsPort_LogsInWithTheAdminToken_AndSelectsAnInboxTheServerDeliveredTo()
    {
        await using var server = await MailServer.StartAsync(TestServer.Options(_directory), NullLoggerFactory.Instance);
        var inbox = await server.Services.Inboxes.CreateAsync(new Principal(server.FirstStart!.AccountId, "test", null, TokenPermissions.All), "reader", null, null);
        var change = server.Services.Notifier.NextChangeAsync(inbox.Id);
        using (var raw = new MemoryStream(Encoding.ASCII.GetBytes("From: a@remote.test\r\nTo: reader@example.test\r\nSubject: over imap\r\n\r\nhi\r\n")))
        {
            await server.Services.Ingest.AcceptAsync(raw, new MessageEnvelope("a@remote.test", ["reader@example.test"]));
        }

        Assert.True(await MailboxNotifier.WaitAsync(change, TimeSpan.FromSeconds(30), CancellationToken.None));

        using var client = new TcpClient();
        await client.ConnectAsync(server.ImapsEndPoint);
        await using var tls = new SslStream(client.GetStream(), false, (_, certificate, _, _) => certificate is not null);
        await tls.AuthenticateAsClientAsync("localhost");
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var session = new LineSession(tls);

        Assert.StartsWith("* OK", await session.ReadLineAsync(cancel.Token), StringComparison.Ordinal);
        var login = await session.CommandAsync("a1", $"LOGIN reader@example.test {server.FirstStart!.NewAdminToken}", cancel.Token);
        var select = await session.CommandAsync("a2", "SELECT INBOX", cancel.Token);
        var fetch = await session.CommandAsync("a3", "FETCH 1 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])", cancel.Token);
        await session.CommandAsync("a4", "LOGOUT", cancel.Token);

        Assert.StartsWith("a1 OK", login[^1], StringComparison.Ordinal);
        Assert.Contains("* 1 EXISTS", select);
        Assert.StartsWith("a2 OK", select[^1], StringComparison.Ordinal);
        Assert.Contains(fetch, l => l.Contains("Subject: over imap", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheStartTlsPort_OffersStartTls_AndRefusesLoginBeforeIt()
    {
        await using var server = await MailServer.StartAsync(TestServer.Options(_directory), NullLoggerFactory.Instance);
        using var client = new TcpClient();
        await client.ConnectAsync(server.ImapEndPoint);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var session = new LineSession(client.GetStream());

        await session.ReadLineAsync(cancel.Token);
        var capability = await session.CommandAsync("a1", "CAPABILITY", cancel.Token);

        Assert.Contains(capability, l => l.StartsWith("* CAPABILITY", StringComparison.Ordinal) && l.Contains("STARTTLS", StringComparison.Ordinal) && l.Contains("LOGINDISABLED", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stopping_EndsAnOpenImapSessionWithinTheDrain_AndTheApiWithIt()
    {
        var options = TestServer.Options(_directory);
        var server = await MailServer.StartAsync(options, NullLoggerFactory.Instance);
        using var client = new TcpClient();
        await client.ConnectAsync(server.ImapEndPoint);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var session = new LineSession(client.GetStream());
        await session.ReadLineAsync(cancel.Token);

        var stopping = System.Diagnostics.Stopwatch.StartNew();
        await server.StopAsync();
        stopping.Stop();

        Assert.True(stopping.Elapsed < options.DrainTimeout + TimeSpan.FromSeconds(5), $"stop took {stopping.Elapsed}");
        var ended = false;
        try
        {
            var last = await session.ReadLineAsync(cancel.Token);
            ended = last.StartsWith("* BYE", StringComparison.Ordinal);
        }
        catch (Exception exception) when (exception is EndOfStreamException or IOException)
        {
            ended = true;
        }

        Assert.True(ended);
        using var probe = new TcpListener(IPAddress.Loopback, options.ApiPort);
        probe.Start();
    }

    public void Dispose() => _directory.Delete(recursive: true);

    /// <summary>CRLF lines over a stream, enough for tagged command/response exchanges without literals from the client.</summary>
    private sealed class LineSession(Stream stream)
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private int _start;
        private int _end;

        public async Task<List<string>> CommandAsync(string tag, string command, CancellationToken cancellationToken)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"{tag} {command}\r\n"), cancellationToken);
            var lines = new List<string>();
            while (true)
            {
                var line = await ReadLineAsync(cancellationToken);
                lines.Add(line);
                if (line.StartsWith(tag + " ", StringComparison.Ordinal))
                {
                    return lines;
                }
            }
        }

        public async Task<string> ReadLineAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                var end = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                if (end >= 0)
                {
                    var line = Encoding.UTF8.GetString(_buffer, _start, end - _start).TrimEnd('\r');
                    _start = end + 1;
                    return line;
                }

                if (_start > 0)
                {
                    Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
                    _end -= _start;
                    _start = 0;
                }

                var read = _end < _buffer.Length ? await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken) : throw new InvalidOperationException("line too long");
                _end += read > 0 ? read : throw new EndOfStreamException();
            }
        }
    }
}
