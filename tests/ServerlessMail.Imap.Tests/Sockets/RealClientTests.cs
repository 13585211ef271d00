using System.Globalization;
using ServerlessMail.Core;
using ServerlessMail.Smtp.Tests;

namespace ServerlessMail.Imap.Tests;

/// <summary>Python's imaplib over real loopback sockets and real TLS, run as a child process, against the real handler.</summary>
public sealed class RealClientTests : IAsyncLifetime
{
    private ImapListeners _server = null!;

    private ImapWorld World => _server.World;

    public async Task InitializeAsync()
    {
        _server = await ImapListeners.StartAsync();
        await World.AppendAsync(World.Alice, "INBOX", ImapWorld.Message("Report", body: "Hello from carol."));
        await World.AppendAsync(World.Alice, "INBOX", ImapWorld.Message("=?UTF-8?Q?Entw=C3=BCrfe?=", from: "dave@example.test").Replace("Carol <", "Dave <", StringComparison.Ordinal));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("ssl")]
    [InlineData("starttls")]
    public async Task Python_Imaplib_DoesEveryStep(string mode)
    {
        var port = mode == "ssl" ? _server.ImplicitTlsPort : _server.StartTlsPort;
        var output = await RunPythonAsync("imap_client.py", mode, "127.0.0.1", port.ToString(CultureInfo.InvariantCulture), TestCertificate.PemPath, "alice@hosted.test", World.AliceToken);
        if (mode == "starttls")
        {
            Expect(output, "RESULT before-tls True True");
        }

        Expect(output, "RESULT capabilities True True");
        Expect(output, "RESULT login OK");
        Expect(output, "RESULT list OK ");
        Assert.Contains("(\\HasNoChildren \\Trash) \"/\" \"Trash\"", output, StringComparison.Ordinal);
        Expect(output, "RESULT list-status-capabilities True True");
        Expect(output, "RESULT list-status OK 6 6 \"INBOX\" (MESSAGES 2 UNSEEN 2)\n");
        Expect(output, "RESULT select OK 2");
        Expect(output, "RESULT search-from OK 1");
        Expect(output, "RESULT uid-search OK 2");
        Expect(output, "RESULT search-utf8 OK 2");
        Expect(output, "RESULT fetch-envelope OK 2 1 (UID 1 FLAGS (\\Recent) RFC822.SIZE ");
        Assert.Contains("ENVELOPE (\"Fri, 04 Dec 2026 10:00:00 +0000\" \"Report\" ((\"Carol\" NIL \"carol\" \"example.test\"))", output, StringComparison.Ordinal);
        Expect(output, "RESULT fetch-body OK 1 (BODY[] {");
        Assert.Contains("True\n", output, StringComparison.Ordinal);
        Expect(output, "RESULT fetch-header OK b'Subject: Report\\r\\n\\r\\n'");
        Expect(output, "RESULT store OK 1 (FLAGS (\\Flagged \\Recent))");
        ExpectMatch(output, @"\nRESULT copy OK \[COPYUID \d+ 1 1\] COPY completed\n");
        ExpectMatch(output, @"\nRESULT move OK COPYUID \d+ 2 1 EXPUNGE 2\n");
        Expect(output, "RESULT expunge OK 1");
        ExpectMatch(output, @"\nRESULT append OK \[APPENDUID \d+ 1\] APPEND completed\n");
        Expect(output, "RESULT reselect OK 0");
        Expect(output, "RESULT idle-start + idling");
        Expect(output, "RESULT idle-exists * 1 EXISTS");
        Expect(output, "RESULT idle-done ");
        Expect(output, "RESULT logout BYE");

        Assert.Equal(1, (await World.FolderAsync(World.Alice, "Archive")).Total);
        Assert.Equal(1, (await World.FolderAsync(World.Alice, "Trash")).Total);
        var drafts = await World.FolderAsync(World.Alice, "Drafts");
        Assert.Equal(MessageFlags.Draft, (await World.Store.GetMessageByUidAsync(drafts.Id, 1))!.Flags);
        var archived = await World.Store.GetMessageByUidAsync((await World.FolderAsync(World.Alice, "Archive")).Id, 1);
        Assert.Equal(MessageFlags.Flagged, archived!.Flags);
    }

    [Fact]
    public async Task Python_Imaplib_FetchesAnAttachmentWithBinary()
    {
        var attachment = new byte[100_000];
        new Random(3516).NextBytes(attachment);
        attachment[0] = 0;
        var raw = "From: Carol <carol@example.test>\r\nTo: alice@hosted.test\r\nSubject: Data\r\nMIME-Version: 1.0\r\n" +
            "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n" +
            "--b1\r\nContent-Type: text/plain\r\n\r\nThe data is attached.\r\n" +
            "--b1\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n" +
            "Content-Disposition: attachment; filename=\"data.bin\"\r\n\r\n" +
            Convert.ToBase64String(attachment, Base64FormattingOptions.InsertLineBreaks) + "\r\n--b1--\r\n";
        await World.AppendAsync(World.Alice, "INBOX", raw);

        var output = await RunPythonAsync(
            "imap_binary.py", "127.0.0.1", _server.ImplicitTlsPort.ToString(CultureInfo.InvariantCulture), TestCertificate.PemPath, "alice@hosted.test", World.AliceToken, "3");
        Expect(output, "RESULT capability-binary True");
        Expect(output, "RESULT binary-size OK 3 (BINARY.SIZE[2] 100000)");
        Expect(output, $"RESULT binary OK 3 (BINARY[2] ~{{100000}} 100000 {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(attachment))}");
        Expect(output, "RESULT flags OK 3 (FLAGS (\\Recent))");
    }

    [Fact]
    public async Task Python_Imaplib_EnablesImap4Rev2_AndGetsEsearchWithoutRecent()
    {
        await World.DeliverAsync("Recent for rev1, not for rev2");
        var output = await RunPythonAsync(
            "imap_rev2.py", "127.0.0.1", _server.ImplicitTlsPort.ToString(CultureInfo.InvariantCulture), TestCertificate.PemPath, "alice@hosted.test", World.AliceToken);
        Expect(output, "RESULT capability-rev2 True True");
        Expect(output, "RESULT enabled OK IMAP4rev2");
        Expect(output, "RESULT select OK False () \"/\" \"INBOX\"");
        ExpectMatch(output, @"RESULT esearch OK \(TAG ""\w+""\) ALL 1(:\d+)?\n");
        Expect(output, "RESULT recent-flag OK False");
        Expect(output, "RESULT save OK");
        Expect(output, "RESULT fetch-saved OK 1 (UID 1)");
        Expect(output, "RESULT search-new BAD");
    }

    /// <summary>Runs a script from Scripts/; when it says it is idling, delivers a message to alice.</summary>
    private Task<string> RunPythonAsync(string script, params string[] arguments) =>
        ImapListeners.RunClientAsync(
            "python3",
            [Path.Combine(AppContext.BaseDirectory, "Scripts", script), .. arguments],
            async line =>
            {
                if (line == "RESULT idling")
                {
                    await World.DeliverAsync("Delivered during IDLE");
                }
            });

    private static void ExpectMatch(string output, string pattern) =>
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(output, pattern), $"no match for '{pattern}' in:\n{output}");

    private static void Expect(string output, string line) =>
        Assert.True(output.Contains("\n" + line, StringComparison.Ordinal) || output.StartsWith(line, StringComparison.Ordinal), $"missing '{line}' in:\n{output}");
}
