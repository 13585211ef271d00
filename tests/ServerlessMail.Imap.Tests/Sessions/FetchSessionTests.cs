using ServerlessMail.Core;

namespace ServerlessMail.Imap.Tests;

/// <summary>FETCH transcripts for ENVELOPE, BODY/BODYSTRUCTURE, RFC822.*, sections with partials, and CHANGEDSINCE/UNCHANGEDSINCE.</summary>
public sealed class FetchSessionTests
{
    private const string Multipart =
        "From: Carol <carol@example.test>\r\n" +
        "To: alice@hosted.test, \"Bob B.\" <bob@hosted.test>\r\n" +
        "Subject: Report\r\n" +
        "Date: Fri, 04 Dec 2026 10:00:00 +0000\r\n" +
        "Message-ID: <m1@example.test>\r\n" +
        "MIME-Version: 1.0\r\n" +
        "Content-Type: multipart/mixed; boundary=\"b1\"\r\n" +
        "\r\n" +
        "--b1\r\n" +
        "Content-Type: text/plain; charset=utf-8\r\n" +
        "\r\n" +
        "Hello Alice.\r\n" +
        "Second line.\r\n" +
        "--b1\r\n" +
        "Content-Type: application/pdf; name=\"r.pdf\"\r\n" +
        "Content-Transfer-Encoding: base64\r\n" +
        "Content-Disposition: attachment; filename=\"r.pdf\"\r\n" +
        "\r\n" +
        "JVBERi0xLjQK\r\n" +
        "--b1--\r\n";

    private static readonly int HeaderLength = Multipart.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;

    [Fact]
    public async Task Envelope_Body_AndBodyStructure_OfAMultipartMessage()
    {
        await using var world = await ImapWorld.CreateAsync();
        await world.AppendAsync(world.Alice, "INBOX", Multipart, internalDate: new DateTimeOffset(2026, 12, 4, 10, 0, 5, TimeSpan.FromHours(1)));
        await using var client = await world.LoginAsync();
        await client.CommandAsync("a SELECT INBOX", "a OK");
        // The store keeps internal dates in UTC, so the +0100 given at append comes back as the same instant in +0000.
        var lines = await client.CommandAsync("b FETCH 1 (ENVELOPE INTERNALDATE RFC822.SIZE)", "b OK");
        Assert.Equal(
            "* 1 FETCH (ENVELOPE (\"Fri, 04 Dec 2026 10:00:00 +0000\" \"Report\" ((\"Carol\" NIL \"carol\" \"example.test\")) " +
            "((\"Carol\" NIL \"carol\" \"example.test\")) ((\"Carol\" NIL \"carol\" \"example.test\")) " +
            "((NIL NIL \"alice\" \"hosted.test\")(\"Bob B.\" NIL \"bob\" \"hosted.test\")) NIL NIL NIL \"<m1@example.test>\") " +
            $"INTERNALDATE \"04-Dec-2026 09:00:05 +0000\" RFC822.SIZE {Multipart.Length})",
            lines[0]);

        // Types, subtypes and parameter names as the message spells them, defaults in lower case, as Dovecot answers.
        lines = await client.CommandAsync("c FETCH 1 (BODYSTRUCTURE)", "c OK");
        Assert.Equal(
            "* 1 FETCH (BODYSTRUCTURE ((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 26 2 NIL NIL NIL NIL)" +
            "(\"application\" \"pdf\" (\"name\" \"r.pdf\") NIL NIL \"base64\" 12 NIL (\"attachment\" (\"filename\" \"r.pdf\")) NIL NIL) " +
            "\"mixed\" (\"boundary\" \"b1\") NIL NIL NIL))",
            lines[0]);
        lines = await client.CommandAsync("d FETCH 1 BODY", "d OK");
        Assert.Equal(
            "* 1 FETCH (BODY ((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 26 2)" +
            "(\"application\" \"pdf\" (\"name\" \"r.pdf\") NIL NIL \"base64\" 12) \"mixed\"))",
            lines[0]);

        // None of these set \Seen.
        Assert.Equal("* 1 FETCH (FLAGS (\\Recent))", (await client.CommandAsync("e FETCH 1 FLAGS", "e OK"))[0]);
    }

    [Fact]
    public async Task Rfc822Items_AndSections_WithPartials()
    {
        await using var world = await ImapWorld.CreateAsync();
        await world.AppendAsync(world.Alice, "INBOX", Multipart);
        await using var client = await world.LoginAsync();
        await client.CommandAsync("a SELECT INBOX", "a OK");
        var header = Multipart[..HeaderLength];
        var text = Multipart[HeaderLength..];

        Assert.Equal($"* 1 FETCH (RFC822.HEADER {{{header.Length}}}\r\n{header})", (await client.CommandAsync("b FETCH 1 RFC822.HEADER", "b OK"))[0]);
        Assert.Equal("* 1 FETCH (FLAGS (\\Recent))", (await client.CommandAsync("b2 FETCH 1 FLAGS", "b2 OK"))[0]);
        Assert.Equal($"* 1 FETCH (BODY[]<0> {{10}}\r\n{Multipart[..10]})", (await client.CommandAsync("c FETCH 1 BODY.PEEK[]<0.10>", "c OK"))[0]);
        Assert.Equal($"* 1 FETCH (BODY[TEXT]<5> {{4}}\r\n{text[5..9]})", (await client.CommandAsync("d FETCH 1 BODY.PEEK[TEXT]<5.4>", "d OK"))[0]);
        Assert.Equal("* 1 FETCH (BODY[1]<20> {6}\r\n line.)", (await client.CommandAsync("e FETCH 1 BODY.PEEK[1]<20.100>", "e OK"))[0]);
        Assert.Equal("* 1 FETCH (BODY[1]<500> {0}\r\n)", (await client.CommandAsync("f FETCH 1 BODY.PEEK[1]<500.10>", "f OK"))[0]);
        Assert.Equal("* 1 FETCH (BODY[2] {12}\r\nJVBERi0xLjQK)", (await client.CommandAsync("g FETCH 1 BODY.PEEK[2]", "g OK"))[0]);
        Assert.Equal(
            "* 1 FETCH (BODY[1.MIME] {43}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n)",
            (await client.CommandAsync("h FETCH 1 BODY.PEEK[1.MIME]", "h OK"))[0]);
        Assert.Equal("* 1 FETCH (BODY[3] \"\")", (await client.CommandAsync("i FETCH 1 BODY.PEEK[3]", "i OK"))[0]);
        Assert.Equal(
            "* 1 FETCH (BODY[HEADER.FIELDS (SUBJECT DATE)]<3> {10}\r\nject: Repo)",
            (await client.CommandAsync("j FETCH 1 BODY.PEEK[HEADER.FIELDS (Subject Date)]<3.10>", "j OK"))[0]);
        var notTo = (await client.CommandAsync("k FETCH 1 BODY.PEEK[HEADER.FIELDS.NOT (To From Date Message-ID MIME-Version Content-Type)]", "k OK"))[0];
        Assert.Equal("* 1 FETCH (BODY[HEADER.FIELDS.NOT (TO FROM DATE MESSAGE-ID MIME-VERSION CONTENT-TYPE)] {19}\r\nSubject: Report\r\n\r\n)", notTo);

        Assert.Equal($"* 1 FETCH (RFC822.TEXT {{{text.Length}}}\r\n{text} FLAGS (\\Seen \\Recent))", (await client.CommandAsync("l FETCH 1 RFC822.TEXT", "l OK"))[0]);
        Assert.Equal($"* 1 FETCH (RFC822 {{{Multipart.Length}}}\r\n{Multipart})", (await client.CommandAsync("m FETCH 1 RFC822", "m OK"))[0]);
        await client.CommandAsync("n FETCH 1 BODY[]<1.2.3>", "n BAD");
    }

    [Fact]
    public async Task ChangedSince_AndUnchangedSince_WithModified()
    {
        await using var world = await ImapWorld.CreateAsync();
        for (var i = 1; i <= 3; i++)
        {
            await world.AppendAsync(world.Alice, "INBOX", ImapWorld.Message("M" + i));
        }

        await using var client = await world.LoginAsync();
        var select = await client.CommandAsync("a SELECT INBOX (CONDSTORE)", "a OK");
        var highest = ulong.Parse(
            select.Single(l => l.StartsWith("* OK [HIGHESTMODSEQ ", StringComparison.Ordinal)).Split(' ', ']')[3], System.Globalization.CultureInfo.InvariantCulture);
        var stored = await client.CommandAsync("b STORE 2 +FLAGS (\\Flagged)", "b OK");
        var modSeq2 = highest + 1;

        // With CONDSTORE on, a STORE's FETCH carries UID and MODSEQ (RFC 7162 §3.1).
        Assert.Equal($"* 2 FETCH (FLAGS (\\Flagged \\Recent) UID 2 MODSEQ ({modSeq2}))", stored[0]);

        var changed = await client.CommandAsync($"c FETCH 1:* (FLAGS) (CHANGEDSINCE {highest})", "c OK");
        Assert.Equal($"* 2 FETCH (FLAGS (\\Flagged \\Recent) MODSEQ ({modSeq2}))", Assert.Single(changed, l => l.StartsWith('*')));
        Assert.Single(await client.CommandAsync($"d UID FETCH 1:* (FLAGS) (CHANGEDSINCE {modSeq2})", "d OK"));

        // Message 2 changed after `highest`: it is left alone and listed in MODIFIED; 1 and 3 are stored.
        var conditional = await client.CommandAsync($"e STORE 1:3 (UNCHANGEDSINCE {highest}) +FLAGS.SILENT (\\Seen)", "e OK [MODIFIED 2]");
        Assert.Equal(3, conditional.Count);
        Assert.StartsWith("* 1 FETCH (FLAGS (\\Seen \\Recent) UID 1 MODSEQ (", conditional[0], StringComparison.Ordinal);
        Assert.StartsWith("* 3 FETCH (FLAGS (\\Seen \\Recent) UID 3 MODSEQ (", conditional[1], StringComparison.Ordinal);
        await client.CommandAsync($"f UID STORE 2 (UNCHANGEDSINCE {highest}) FLAGS (\\Deleted)", "f OK [MODIFIED 2]");
        var inbox = await world.FolderAsync(world.Alice, "INBOX");
        Assert.Equal(MessageFlags.Flagged, (await world.Store.GetMessageByUidAsync(inbox.Id, 2))!.Flags);
        await client.CommandAsync("g STORE 1 (UNCHANGEDSINCE x) +FLAGS (\\Seen)", "g BAD");
    }
}
