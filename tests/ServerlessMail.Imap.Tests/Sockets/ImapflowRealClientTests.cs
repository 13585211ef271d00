using System.Globalization;
using System.Text;
using System.Text.Json;
using ServerlessMail.Core;
using ServerlessMail.Relay.Tests;
using ServerlessMail.Smtp.Tests;

namespace ServerlessMail.Imap.Tests;

/// <summary>
/// imapflow, Node's IMAP client (pinned in tools/imapflow, installed by tests/setup.sh), over real loopback sockets and
/// implicit TLS against the real handler: Scripts/imapflow_client.mjs runs a mail client's session and prints what it
/// saw as JSON; the test checks that, and the store after the client acted.
/// </summary>
public sealed class ImapflowRealClientTests : IAsyncLifetime
{
    private static readonly string ToolDirectory = Path.Combine(RepositoryLayout.Root, "tools", "imapflow");

    // A PNG signature and bytes of every value, so the attachment's base64 spans lines and covers the alphabet.
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Enumerable.Range(0, 600).Select(i => (byte)(i * 7))];

    private static readonly string Report = ImapWorld.Message("Report", body: "Hello from carol.");

    private static readonly string Photos =
        "From: Dave <dave@example.test>\r\nTo: alice@hosted.test\r\nSubject: Photos\r\nDate: Sat, 05 Dec 2026 08:00:00 +0000\r\n" +
        "Message-ID: <photos@example.test>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n" +
        "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe photo from Saturday.\r\n" +
        "--b1\r\nContent-Type: image/png; name=\"photo.png\"\r\nContent-Disposition: attachment; filename=\"photo.png\"\r\n" +
        "Content-Transfer-Encoding: base64\r\n\r\n" + Convert.ToBase64String(Png, Base64FormattingOptions.InsertLineBreaks) + "\r\n--b1--\r\n";

    private static readonly string Newsletter =
        "From: News <news@lists.example.test>\r\nTo: alice@hosted.test\r\nSubject: Newsletter\r\nDate: Sun, 06 Dec 2026 07:00:00 +0000\r\n" +
        "Message-ID: <news@lists.example.test>\r\n\r\nThis weekly issue is short.\r\n";

    private readonly Dictionary<uint, byte[]> _stored = [];

    private ImapListeners _server = null!;

    private ImapWorld World => _server.World;

    public async Task InitializeAsync()
    {
        _server = await ImapListeners.StartAsync();
        await World.AppendAsync(World.Alice, "INBOX", Report);
        await World.AppendAsync(World.Alice, "INBOX", Photos);
        await World.AppendAsync(World.Alice, "INBOX", Newsletter, MessageFlags.Seen);
        var inbox = await World.FolderAsync(World.Alice, "INBOX");
        foreach (var uid in new[] { 1u, 2u, 3u })
        {
            _stored[uid] = await StoredBytesAsync(inbox, uid); // before the client moves and deletes them
        }
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Imapflow_ReadsFilesFlagsAndIdles()
    {
        var (steps, output) = await RunImapflowAsync();
        var inbox = await World.FolderAsync(World.Alice, "INBOX");

        var capabilities = Strings(steps["capabilities"].GetProperty("names"));
        Assert.Superset(new HashSet<string> { "IDLE", "MOVE", "UIDPLUS", "SPECIAL-USE", "CONDSTORE" }, capabilities.ToHashSet());
        Assert.True(steps["capabilities"].GetProperty("authenticated").ValueKind is not (JsonValueKind.False or JsonValueKind.Null), output);
        var tls = steps["capabilities"].GetProperty("tls");
        Assert.True(tls.GetProperty("authorized").GetBoolean(), output); // the chain verified against the test certificate
        Assert.Contains(Text(tls, "version"), new[] { "TLSv1.2", "TLSv1.3" });

        var mailboxes = steps["list"].GetProperty("mailboxes").EnumerateArray().ToDictionary(m => m.GetProperty("path").GetString()!, m => m.GetProperty("specialUse").GetString());
        foreach (var (name, use) in new[] { ("INBOX", "\\Inbox"), ("Drafts", "\\Drafts"), ("Sent", "\\Sent"), ("Archive", "\\Archive"), ("Trash", "\\Trash"), ("Junk", "\\Junk") })
        {
            Assert.True(mailboxes.TryGetValue(name, out var found) && found == use, $"{name} {use} in {steps["list"]}");
        }

        Assert.Equal((3, 4, 2), (Int(steps["status"], "messages"), Int(steps["status"], "uidNext"), Int(steps["status"], "unseen")));
        Assert.Equal((3, inbox.UidValidity, false), (Int(steps["open"], "exists"), UidValidity(steps["open"]), steps["open"].GetProperty("readOnly").GetBoolean()));
        Assert.Contains("\\*", Strings(steps["open"].GetProperty("permanentFlags")));

        AssertFetched(steps);
        AssertSearchedAndFlagged(steps);
        await AssertFiledAsync(steps, inbox);

        // The EXISTS came while the client was still idling, before any command of its own.
        Assert.Equal((2, 1, true), (Int(steps["idle"], "count"), Int(steps["idle"], "prevCount"), steps["idle"].GetProperty("idling").GetBoolean()));
        Assert.Equal((4, "Delivered during IDLE"), (Int(steps["idle-fetch"], "uid"), Text(steps["idle-fetch"], "subject")));
        Assert.Equal([1u, 4u], (await World.Store.ListStatesAsync(inbox.Id)).Select(s => s.Uid));
        Assert.True(steps.ContainsKey("logout"), output);
        Assert.DoesNotContain(World.AliceToken, output, StringComparison.Ordinal);
    }

    /// <summary>Envelopes and structures as stored, every message's bytes, and the attachment decoded from BODY[2].</summary>
    private void AssertFetched(Dictionary<string, JsonElement> steps)
    {
        var fetched = steps["fetch"].GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3], fetched.Select(m => Int(m, "uid")));
        Assert.Equal(["Report", "Photos", "Newsletter"], fetched.Select(m => m.GetProperty("subject").GetString()));
        Assert.Equal(["carol@example.test", "dave@example.test", "news@lists.example.test"], fetched.Select(m => Strings(m.GetProperty("from")).Single()));
        Assert.Equal(("Dave", "<photos@example.test>", "2026-12-05T08:00:00.000Z"), (Text(fetched[1], "fromName"), Text(fetched[1], "messageId"), Text(fetched[1], "date")));
        Assert.Equal(["\\Seen"], Strings(fetched[2].GetProperty("flags")).Where(f => f != "\\Recent"));

        Assert.Equal(["text/plain", "multipart/mixed", "text/plain"], fetched.Select(m => Text(m, "type")));
        var parts = fetched[1].GetProperty("parts").EnumerateArray().ToList();
        Assert.Equal(["1", "2"], parts.Select(p => Text(p, "part")));
        Assert.Equal(("text/plain", "image/png", "base64", "photo.png"), (Text(parts[0], "type"), Text(parts[1], "type"), Text(parts[1], "encoding"), Text(parts[1], "filename")));

        var sources = steps["source"].GetProperty("messages").EnumerateArray().ToDictionary(m => (uint)Int(m, "uid"), m => m.GetProperty("source").GetBytesFromBase64());
        foreach (var (uid, raw) in new[] { (1u, Report), (2u, Photos), (3u, Newsletter) })
        {
            var stored = _stored[uid];
            Assert.Equal(Encoding.UTF8.GetBytes(raw), stored);
            Assert.Equal(stored, sources[uid]);
            Assert.Equal(stored.Length, Int(fetched[(int)uid - 1], "size"));
        }

        Assert.Equal(("image/png", "photo.png"), (Text(steps["download"], "contentType"), Text(steps["download"], "filename")));
        Assert.Equal(Png, steps["download"].GetProperty("content").GetBytesFromBase64());
    }

    private static void AssertSearchedAndFlagged(Dictionary<string, JsonElement> steps)
    {
        var search = steps["search"];
        Assert.Equal([1], Ints(search, "fromCarol"));
        Assert.Equal([2], Ints(search, "subject"));
        Assert.Equal([3], Ints(search, "body"));
        Assert.Equal([1, 2], Ints(search, "unseen"));
        Assert.Empty(Ints(search, "none"));

        var flags = steps["flags"];
        Assert.Superset(new HashSet<string> { "\\Seen", "\\Flagged", "$Important" }, Strings(flags.GetProperty("added")).ToHashSet());
        Assert.Equal(["$Important", "\\Flagged"], Strings(flags.GetProperty("removed")).Where(f => f != "\\Recent"));
        Assert.Equal([3], Ints(flags, "seen"));
    }

    /// <summary>APPEND, COPY, MOVE, delete (UID EXPUNGE), CREATE and RENAME as the client saw them and as the store holds them.</summary>
    private async Task AssertFiledAsync(Dictionary<string, JsonElement> steps, Folder inbox)
    {
        var drafts = await World.FolderAsync(World.Alice, "Drafts");
        Assert.Equal(("Drafts", 1, drafts.UidValidity), (Text(steps["append"], "path"), Int(steps["append"], "uid"), UidValidity(steps["append"])));
        var draft = await World.Store.GetMessageByUidAsync(drafts.Id, 1);
        Assert.Equal(MessageFlags.Draft | MessageFlags.Seen, draft!.Flags);
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 9, 30, 0, TimeSpan.Zero), draft.InternalDate);
        Assert.Equal(steps["append"].GetProperty("source").GetBytesFromBase64(), await StoredBytesAsync(drafts, 1));

        var archive = await World.FolderAsync(World.Alice, "Archive");
        Assert.Equal(("Archive", "[[1,1]]"), (Text(steps["copy"], "path"), steps["copy"].GetProperty("uidMap").GetRawText()));
        Assert.Equal(("Archive", "[[2,2]]", 2), (Text(steps["move"], "path"), steps["move"].GetProperty("uidMap").GetRawText(), Int(steps["move"], "exists")));
        Assert.Equal(2, archive.Total);
        var copy = await World.Store.GetMessageByUidAsync(archive.Id, 1);
        Assert.Equal(MessageFlags.Flagged, copy!.Flags);
        Assert.Equal(["$Important"], copy.Keywords);
        Assert.Equal(Encoding.UTF8.GetBytes(Photos), await StoredBytesAsync(archive, 2));

        Assert.Equal((true, 1), (steps["delete"].GetProperty("deleted").GetBoolean(), Int(steps["delete"], "exists")));
        Assert.Equal([1], Ints(steps["delete"], "left"));
        Assert.Equal(0, (await World.FolderAsync(World.Alice, "Trash")).Total);
        var report = await World.Store.GetMessageByUidAsync(inbox.Id, 1);
        Assert.Equal(MessageFlags.Flagged, report!.Flags);
        Assert.Equal(["$Important"], report.Keywords);
        Assert.Null(await World.Store.GetMessageByUidAsync(inbox.Id, 2));
        Assert.Null(await World.Store.GetMessageByUidAsync(inbox.Id, 3));

        Assert.Equal(("Reisepläne", "Reisepläne 2027"), (Text(steps["create"], "path"), Text(steps["rename"], "newPath")));
        Assert.Null(await World.Store.FindFolderAsync(World.Alice.Id, "Reisepläne"));
        Assert.NotNull(await World.Store.FindFolderAsync(World.Alice.Id, "Reisepläne 2027"));
    }

    /// <summary>Runs the script; when IDLE is acknowledged, delivers a message to alice. Returns each step's JSON by name.</summary>
    private async Task<(Dictionary<string, JsonElement> Steps, string Output)> RunImapflowAsync()
    {
        var installed = Path.Combine(ToolDirectory, "node_modules", "imapflow", "package.json");
        Assert.True(File.Exists(installed), $"{installed} is missing: run tests/setup.sh (npm ci in tools/imapflow)");

        var output = await ImapListeners.RunClientAsync(
            "node",
            [Path.Combine(AppContext.BaseDirectory, "Scripts", "imapflow_client.mjs"), ToolDirectory, "127.0.0.1", _server.ImplicitTlsPort.ToString(CultureInfo.InvariantCulture), TestCertificate.PemPath, "alice@hosted.test"],
            async line =>
            {
                if (line == """{"step":"idling"}""")
                {
                    await World.DeliverAsync("Delivered during IDLE");
                }
            },
            new Dictionary<string, string> { ["IMAPFLOW_TEST_PASSWORD"] = World.AliceToken });

        var steps = new Dictionary<string, JsonElement>();
        foreach (var line in output.Split('\n').Where(l => l.StartsWith("{\"step\":", StringComparison.Ordinal)))
        {
            var step = JsonDocument.Parse(line).RootElement;
            steps[step.GetProperty("step").GetString()!] = step;
        }

        Assert.False(steps.ContainsKey("error"), output);
        return (steps, output);
    }

    private async Task<byte[]> StoredBytesAsync(Folder folder, uint uid)
    {
        var message = await World.Store.GetMessageByUidAsync(folder.Id, uid) ?? throw new InvalidOperationException($"no UID {uid} in {folder.Name}");
        await using var blob = await World.Blobs.OpenReadAsync(message.BlobKey);
        using var bytes = new MemoryStream();
        await blob.CopyToAsync(bytes);
        return bytes.ToArray();
    }

    private static int Int(JsonElement element, string name) => element.GetProperty(name).GetInt32();

    private static uint UidValidity(JsonElement element) => element.GetProperty("uidValidity").GetUInt32();

    private static string? Text(JsonElement element, string name) => element.GetProperty(name).GetString();

    private static int[] Ints(JsonElement element, string name) => element.GetProperty(name).EnumerateArray().Select(e => e.GetInt32()).ToArray();

    private static List<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();
}
