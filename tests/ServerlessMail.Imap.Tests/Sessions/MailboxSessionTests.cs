using ServerlessMail.Core;

namespace ServerlessMail.Imap.Tests;

public sealed class MailboxSessionTests
{
    [Fact]
    public async Task List_ShowsSpecialUseAndChildren_AndTheSeparator()
    {
        await using var world = await ImapWorld.CreateAsync();
        await using var client = await world.LoginAsync();
        Assert.Equal("* LIST (\\Noselect) \"/\" \"\"", (await client.CommandAsync("a LIST \"\" \"\"", "a OK"))[0]);
        await client.CommandAsync("b CREATE Projects/2026", "b OK");
        await client.CommandAsync("b2 CREATE Projects", "b2 OK");
        await client.CommandAsync("b3 CREATE Projects", "b3 NO [ALREADYEXISTS]");
        var lines = await client.CommandAsync("c LIST \"\" *", "c OK");
        Assert.Contains("* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent\"", lines);
        Assert.Contains("* LIST (\\HasNoChildren \\Trash) \"/\" \"Trash\"", lines);
        Assert.Contains("* LIST (\\HasChildren) \"/\" \"Projects\"", lines);
        Assert.Contains("* LIST (\\HasNoChildren) \"/\" \"Projects/2026\"", lines);
        var top = await client.CommandAsync("d LIST \"\" %", "d OK");
        Assert.DoesNotContain(top, l => l.Contains("Projects/2026", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Select_Fetch_Store_Expunge()
    {
        await using var world = await ImapWorld.CreateAsync();
        await world.AppendAsync(world.Alice, "INBOX", ImapWorld.Message("First"));
        await world.AppendAsync(world.Alice, "INBOX", ImapWorld.Message("Second", from: "dave@example.test"), MessageFlags.Seen);
        await using var client = await world.LoginAsync();
        var select = await client.CommandAsync("a SELECT INBOX", "a OK [READ-WRITE]");
        Assert.Contains("* 2 EXISTS", select);
        Assert.Contains("* 2 RECENT", select);
        Assert.Contains("* OK [UNSEEN 1] First unseen", select);
        Assert.Contains(select, l => l.StartsWith("* OK [UIDVALIDITY ", StringComparison.Ordinal));
        Assert.Contains("* OK [UIDNEXT 3] Predicted next UID", select);

        var fetch = await client.CommandAsync("b FETCH 1:* (UID FLAGS RFC822.SIZE)", "b OK");
        Assert.StartsWith("* 1 FETCH (UID 1 FLAGS (\\Recent) RFC822.SIZE ", fetch[0], StringComparison.Ordinal);
        Assert.StartsWith("* 2 FETCH (UID 2 FLAGS (\\Seen \\Recent) RFC822.SIZE ", fetch[1], StringComparison.Ordinal);

        var body = await client.CommandAsync("c UID FETCH 1 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])", "c OK");
        Assert.Contains("Subject: First", body[0], StringComparison.Ordinal);
        Assert.DoesNotContain("\\Seen", body[0], StringComparison.Ordinal);
        var full = await client.CommandAsync("d FETCH 1 BODY[]", "d OK");
        Assert.Contains("Hello there.", full[0], StringComparison.Ordinal);
        Assert.Contains("FLAGS (\\Seen \\Recent)", full[0], StringComparison.Ordinal);
        var stored = await world.Store.GetMessageByUidAsync((await world.FolderAsync(world.Alice, "INBOX")).Id, 1);
        Assert.Equal(MessageFlags.Seen, stored!.Flags);

        Assert.Equal("* 1 FETCH (FLAGS (\\Seen \\Flagged \\Recent))", (await client.CommandAsync("e STORE 1 +FLAGS (\\Flagged)", "e OK"))[0]);
        Assert.Single(await client.CommandAsync("f STORE 1 -FLAGS.SILENT (\\Flagged)", "f OK"));
        await client.CommandAsync("j SEARCH CHARSET KOI8-R ALL", "j NO [BADCHARSET");

        await client.CommandAsync("k STORE 1 +FLAGS.SILENT (\\Deleted)", "k OK");
        var expunge = await client.CommandAsync("l EXPUNGE", "l OK");
        Assert.Equal("* 1 EXPUNGE", expunge[0]);
    }

    [Fact]
    public async Task ReadOnlyToken_CannotExpungeOrMoveToTrash_ButAppendsToDrafts()
    {
        await using var world = await ImapWorld.CreateAsync();
        await world.AppendAsync(world.Alice, "INBOX", ImapWorld.Message("One"));
        await using var client = await world.LoginAsync(world.AliceReadToken);
        await client.CommandAsync("a SELECT INBOX", "a OK");
        await client.CommandAsync("b EXPUNGE", "b NO [NOPERM]");
        await client.CommandAsync("c MOVE 1 Trash", "c NO [NOPERM]");
        var draft = ImapWorld.Message("Draft");
        await client.SendAsync($"d APPEND Drafts (\\Draft) {{{draft.Length}+}}\r\n{draft}\r\n");
        await client.ReadUntilTaggedAsync("d", "d OK [APPENDUID ");
        await client.SendAsync($"e APPEND INBOX {{{draft.Length}+}}\r\n{draft}\r\n");
        await client.ReadUntilTaggedAsync("e", "e NO [NOPERM]");
    }

    [Fact]
    public async Task Append_WithASynchronizingLiteral_CopyAndMove_GiveCopyUid()
    {
        await using var world = await ImapWorld.CreateAsync();
        await using var client = await world.LoginAsync();
        var message = ImapWorld.Message("Appended");
        await client.SendAsync($"a APPEND INBOX (\\Seen) \"04-Dec-2026 10:00:00 +0000\" {{{message.Length}}}\r\n");
        await client.ExpectLineAsync("+ ");
        await client.SendAsync(message + "\r\n");
        await client.ReadUntilTaggedAsync("a", "a OK [APPENDUID ");
        await client.CommandAsync("b SELECT INBOX", "b OK");
        Assert.StartsWith("c OK [COPYUID ", (await client.CommandAsync("c COPY 1 Archive", "c OK"))[^1], StringComparison.Ordinal);
        await client.CommandAsync("d COPY 1 Nowhere", "d NO [TRYCREATE]");
        var move = await client.CommandAsync("e UID MOVE 1 Trash", "e OK");
        Assert.StartsWith("* OK [COPYUID ", move[0], StringComparison.Ordinal);
        Assert.Equal("* 1 EXPUNGE", move[1]);
        Assert.Equal(1, (await world.FolderAsync(world.Alice, "Trash")).Total);
    }

    [Fact]
    public async Task Literals_OverTheCap_AreTooBig_OrBye()
    {
        await using var world = await ImapWorld.CreateAsync();
        await using (var client = await world.ConnectAsync())
        {
            await client.CommandAsync("a LOGIN {100000}", "a NO [TOOBIG]");
            await client.SendAsync("b LOGIN {100000+}\r\n");
            await client.ExpectLineAsync("* BYE");
            await client.ExpectClosedAsync();
        }

        var options = ImapWorld.DefaultOptions();
        options.AppendLimit = 4096;
        await using (var client = await world.LoginAsync(options: options))
        {
            await client.CommandAsync("c APPEND INBOX {5000}", "c NO [TOOBIG]");
            await client.CommandAsync("d NOOP", "d OK");
        }
    }

    [Fact]
    public async Task LongLines_DeepNesting_AndBadCommands_AreBounded()
    {
        await using var world = await ImapWorld.CreateAsync();
        var options = ImapWorld.DefaultOptions();
        options.MaxBadCommands = 3;
        await using var client = await world.ConnectAsync(options);
        await client.CommandAsync("a NOOP " + new string('x', 9000), "a BAD");
        await client.CommandAsync("b ID " + new string('(', 100) + new string(')', 100), "b BAD Too deeply nested");
        await client.SendAsync("c FROB\r\n");
        await client.ExpectLineAsync("c BAD");
        await client.ExpectLineAsync("* BYE Too many bad commands");
        await client.ExpectClosedAsync();
    }

    [Fact]
    public async Task OtherSessionsChanges_ShowUpOnNoop_AndIdleWakesOnDelivery()
    {
        await using var world = await ImapWorld.CreateAsync();
        await world.AppendAsync(world.Alice, "INBOX", ImapWorld.Message("One"));
        await using var first = await world.LoginAsync();
        await using var second = await world.LoginAsync();
        await first.CommandAsync("a SELECT INBOX", "a OK");
        await second.CommandAsync("a SELECT INBOX", "a OK");
        await second.CommandAsync("b STORE 1 +FLAGS (\\Flagged)", "b OK");
        var noop = await first.CommandAsync("b NOOP", "b OK");
        Assert.Contains(noop, l => l.StartsWith("* 1 FETCH (FLAGS (\\Flagged", StringComparison.Ordinal));

        await first.SendAsync("c IDLE\r\n");
        await first.ExpectLineAsync("+ idling");
        var started = DateTime.UtcNow;
        await world.AppendAsync(world.Alice, "INBOX", ImapWorld.Message("Two"));
        await first.ExpectLineAsync("* 2 EXISTS");
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(2));
        await first.SendAsync("DONE\r\n");
        await first.ReadUntilTaggedAsync("c", "c OK");

        await second.CommandAsync("c STORE 1 +FLAGS.SILENT (\\Deleted)", "c OK");
        await second.CommandAsync("d EXPUNGE", "d OK");
        Assert.DoesNotContain("* 1 EXPUNGE", await first.CommandAsync("d FETCH 1 FLAGS", "d OK"));
        Assert.Contains("* 1 EXPUNGE", await first.CommandAsync("e NOOP", "e OK"));
    }

    [Fact]
    public async Task RevokedToken_GetsBye()
    {
        await using var world = await ImapWorld.CreateAsync();
        var options = ImapWorld.DefaultOptions();
        options.TokenRecheckInterval = TimeSpan.FromMilliseconds(200);
        await using var client = await world.LoginAsync(options: options);
        await world.Tokens.RevokeAsync(new Principal(world.Account.Id, "tok_admin", null, TokenPermissions.All), world.AliceTokenId);
        await client.ExpectLineAsync("* BYE");
        await client.ExpectClosedAsync();
    }

    [Fact]
    public async Task RevokedToken_EndsAnIdlingSessionAtOnce_WithoutWaitingForTheRecheck()
    {
        await using var world = await ImapWorld.CreateAsync();
        var options = ImapWorld.DefaultOptions();
        options.TokenRecheckInterval = TimeSpan.FromSeconds(60);
        await using var client = await world.LoginAsync(options: options);
        await client.CommandAsync("a SELECT INBOX", "a OK");
        await client.SendAsync("b IDLE\r\n");
        await client.ExpectLineAsync("+ idling");

        // The same TokenService the server uses (as the REST API's DELETE /v1/tokens does): its revocation notice
        // reaches the session, which is waiting for DONE, long before the 60 s re-check.
        await world.Tokens.RevokeAsync(new Principal(world.Account.Id, "tok_admin", null, TokenPermissions.All), world.AliceTokenId);

        await client.ExpectLineAsync("* BYE Credentials revoked");
        await client.ExpectClosedAsync();
    }

    [Fact]
    public async Task Status_Rename_Delete_Subscribe_AndInboxRename()
    {
        await using var world = await ImapWorld.CreateAsync();
        await world.AppendAsync(world.Alice, "INBOX", ImapWorld.Message("One"));
        await using var client = await world.LoginAsync();
        var status = await client.CommandAsync("a STATUS INBOX (MESSAGES UNSEEN UIDNEXT RECENT)", "a OK");
        Assert.Equal("* STATUS \"INBOX\" (MESSAGES 1 UNSEEN 1 UIDNEXT 2 RECENT 1)", status[0].Replace("STATUS INBOX", "STATUS \"INBOX\"", StringComparison.Ordinal));
        await client.CommandAsync("b STATUS Nowhere (MESSAGES)", "b NO [NONEXISTENT]");
        await client.CommandAsync("c RENAME INBOX Old", "c NO [CANNOT]");
        await client.CommandAsync("d CREATE Work", "d OK");
        await client.CommandAsync("e RENAME Work Play", "e OK");
        await client.CommandAsync("f SUBSCRIBE Play", "f OK");
        Assert.Contains(await client.CommandAsync("g LSUB \"\" *", "g OK"), l => l.EndsWith("\"Play\"", StringComparison.Ordinal));
        await client.CommandAsync("h DELETE Play", "h OK");
        await client.CommandAsync("i DELETE Trash", "i NO [CANNOT]");
        await client.CommandAsync("j DELETE Play", "j NO [NONEXISTENT]");
    }

    [Fact]
    public async Task AccountLogin_SeesEveryInboxAsAHierarchy()
    {
        await using var world = await ImapWorld.CreateAsync();
        await using var client = await world.ConnectAsync();
        await client.CommandAsync($"a LOGIN {world.Account.Id} {world.AccountToken}", "a OK");
        var lines = await client.CommandAsync("b LIST \"\" *", "b OK");
        Assert.Contains("* LIST (\\Noselect \\HasChildren) \"/\" \"alice@hosted.test\"", lines);
        Assert.Contains(lines, l => l.EndsWith("\"bob@hosted.test/INBOX\"", StringComparison.Ordinal));
        await client.CommandAsync("c SELECT bob@hosted.test/INBOX", "c OK");
        await client.CommandAsync("d LOGIN x y", "d BAD");
    }
}
