namespace ServerlessMail.Imap.Tests;

/// <summary>
/// IMAP4rev2 (RFC 9051) after ENABLE IMAP4rev2: ESEARCH only, no \Recent anywhere, SELECT's LIST response, UTF-8
/// mailbox names; and a session that does not enable it keeps IMAP4rev1 behaviour.
/// </summary>
public sealed class Imap4Rev2Tests
{
    [Fact]
    public async Task Capability_ListsBothRevisions_AndEnableAnswersEnabled()
    {
        await using var world = await ImapWorld.CreateAsync();
        await using var client = await world.LoginAsync();
        Assert.StartsWith("* CAPABILITY IMAP4rev1 IMAP4rev2 ", (await client.CommandAsync("a CAPABILITY", "a OK"))[0], StringComparison.Ordinal);
        Assert.Equal(["* ENABLED IMAP4rev2", "b OK ENABLE completed"], await client.CommandAsync("b ENABLE imap4rev2 IMAP4rev2", "b OK"));
    }

    [Fact]
    public async Task Select_HasNoRecentOrUnseen_AndNamesTheMailboxInAList()
    {
        await using var world = await ImapWorld.CreateWithMessagesAsync(2);
        await using var client = await world.LoginAsync();
        await client.CommandAsync("a ENABLE IMAP4rev2", "a OK");
        var select = await client.CommandAsync("b SELECT inbox", "b OK [READ-WRITE]");
        Assert.DoesNotContain(select, l => l.EndsWith(" RECENT", StringComparison.Ordinal) || l.Contains("[UNSEEN ", StringComparison.Ordinal));
        Assert.Contains("* 2 EXISTS", select);
        Assert.Contains("* LIST () \"/\" \"INBOX\"", select);
        Assert.Contains(select, l => l.StartsWith("* OK [PERMANENTFLAGS (", StringComparison.Ordinal) && !l.Contains("Recent", StringComparison.Ordinal));
        Assert.Contains(select, l => l.StartsWith("* OK [UIDVALIDITY ", StringComparison.Ordinal));
        Assert.Contains(select, l => l.StartsWith("* OK [UIDNEXT ", StringComparison.Ordinal));
        Assert.Contains("* LIST (\\Sent) \"/\" \"Sent\"", await client.CommandAsync("c EXAMINE Sent", "c OK [READ-ONLY]"));
    }

    [Fact]
    public async Task FetchAndUpdates_NeverShowRecent_AndRev1SessionsStillGetIt()
    {
        await using var world = await ImapWorld.CreateWithMessagesAsync(1);
        await using var client = await world.LoginAsync();
        await client.CommandAsync("a ENABLE IMAP4rev2", "a OK");
        await client.CommandAsync("b SELECT INBOX", "b OK");
        Assert.Equal(["* 1 FETCH (FLAGS ())", "c OK FETCH completed"], await client.CommandAsync("c FETCH 1 FLAGS", "c OK"));

        await world.DeliverAsync("Two");
        Assert.Equal(["* 2 EXISTS", "d OK NOOP completed"], await client.CommandAsync("d NOOP", "d OK"));
        Assert.Equal(["* 2 FETCH (FLAGS (\\Seen))", "e OK STORE completed"], await client.CommandAsync("e STORE 2 +FLAGS (\\Seen)", "e OK"));

        // The rev2 session claimed no \Recent, so a rev1 session still finds the first message recent.
        await using var rev1 = await world.LoginAsync();
        var select = await rev1.CommandAsync("a SELECT INBOX", "a OK");
        Assert.Contains("* 2 RECENT", select);
        Assert.Contains("* 1 FETCH (FLAGS (\\Recent))", await rev1.CommandAsync("b FETCH 1 FLAGS", "b OK"));
    }

    [Fact]
    public async Task Search_AnswersEsearchOnly_AndRefusesTheRecentKeys()
    {
        await using var world = await ImapWorld.CreateWithMessagesAsync(3);
        await using var client = await world.LoginAsync();
        await client.CommandAsync("a ENABLE IMAP4rev2", "a OK");
        await client.CommandAsync("b SELECT INBOX", "b OK");
        Assert.Equal(["* ESEARCH (TAG \"c\") ALL 1:3", "c OK SEARCH completed"], await client.CommandAsync("c SEARCH ALL", "c OK"));
        Assert.Equal(["* ESEARCH (TAG \"d\") UID ALL 2:3", "d OK UID SEARCH completed"], await client.CommandAsync("d UID SEARCH 2:*", "d OK"));
        Assert.Equal(["* ESEARCH (TAG \"e\")", "e OK SEARCH completed"], await client.CommandAsync("e SEARCH SEEN", "e OK"));
        Assert.Equal(["* ESEARCH (TAG \"f\") COUNT 3", "f OK SEARCH completed"], await client.CommandAsync("f SEARCH RETURN (COUNT) ALL", "f OK"));
        Assert.Equal(["g OK SEARCH completed"], await client.CommandAsync("g SEARCH RETURN (SAVE) 1", "g OK"));
        foreach (var key in new[] { "NEW", "OLD", "RECENT", "NOT RECENT" })
        {
            await client.CommandAsync("h SEARCH " + key, "h BAD Unknown search key");
        }
    }

    [Fact]
    public async Task Rev1Session_KeepsSearchRecentAndUnseen()
    {
        await using var world = await ImapWorld.CreateWithMessagesAsync(2);
        await using var client = await world.LoginAsync();
        var select = await client.CommandAsync("a SELECT INBOX", "a OK");
        Assert.Contains("* 2 RECENT", select);
        Assert.Contains("* OK [UNSEEN 1] First unseen", select);
        Assert.DoesNotContain(select, l => l.StartsWith("* LIST ", StringComparison.Ordinal));
        Assert.Equal(["* SEARCH 1 2", "b OK SEARCH completed"], await client.CommandAsync("b SEARCH NEW", "b OK"));
    }

    [Fact]
    public async Task MailboxNames_AreUtf8UnderRev2_AndModifiedUtf7ForRev1()
    {
        await using var world = await ImapWorld.CreateAsync();
        await using var client = await world.LoginAsync();
        await client.CommandAsync("a ENABLE IMAP4rev2", "a OK");
        await client.CommandAsync("b CREATE \"Entwürfe\"", "b OK");
        await client.CommandAsync("c CREATE \"Tom &AOk-\"", "c OK");
        var select = await client.CommandAsync("d SELECT \"Entwürfe\"", "d OK");
        Assert.Contains("* LIST () \"/\" {9}\r\nEntwürfe", select);
        await client.CommandAsync("e APPEND \"Tom &AOk-\" {5+}\r\nHi!\r\n", "e OK");
        await client.CommandAsync("f RENAME \"Tom &AOk-\" \"Tom & Jerry\"", "f OK");
        await client.CommandAsync("g CREATE \"Bad\u0085name\"", "g BAD Mailbox name has a control character");

        // A rev1 session sees the same folders in modified UTF-7, "&" escaped as "&-".
        await using var rev1 = await world.LoginAsync();
        var list = await rev1.CommandAsync("a LIST \"\" *", "a OK");
        Assert.Contains("* LIST (\\HasNoChildren) \"/\" \"Entw&APw-rfe\"", list);
        Assert.Contains("* LIST (\\HasNoChildren) \"/\" \"Tom &- Jerry\"", list);
        Assert.Contains("* 1 EXISTS", await rev1.CommandAsync("b SELECT \"Tom &- Jerry\"", "b OK"));
    }

    [Fact]
    public async Task ListAndStatus_NameMailboxesInUtf8_AndRefuseRecent()
    {
        await using var world = await ImapWorld.CreateAsync();
        await using var client = await world.LoginAsync();
        await client.CommandAsync("a ENABLE IMAP4rev2", "a OK");
        await client.CommandAsync("b CREATE \"Entwürfe\"", "b OK");

        Assert.Contains("* LIST (\\HasNoChildren) \"/\" {9}\r\nEntwürfe", await client.CommandAsync("c LIST \"\" \"Entw*\"", "c OK"));
        Assert.Contains("* STATUS {9}\r\nEntwürfe (MESSAGES 0 SIZE 0)", await client.CommandAsync("d STATUS \"Entwürfe\" (MESSAGES SIZE)", "d OK"));
        Assert.Contains(
            "* STATUS {9}\r\nEntwürfe (MESSAGES 0)",
            await client.CommandAsync("e LIST \"\" \"Entw*\" RETURN (STATUS (MESSAGES))", "e OK"));

        // RFC 9051 has no \Recent, so no RECENT item either; a rev1 session still has it.
        await client.CommandAsync("f STATUS INBOX (RECENT)", "f BAD STATUS takes a mailbox and a list of MESSAGES UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ SIZE DELETED");
        await client.CommandAsync("g LIST \"\" * RETURN (STATUS (RECENT))", "g BAD RETURN STATUS takes a list of MESSAGES UIDNEXT");
        await using var rev1 = await world.LoginAsync();
        Assert.Contains("* STATUS \"INBOX\" (RECENT 0)", await rev1.CommandAsync("a STATUS INBOX (RECENT)", "a OK"));
    }

    [Fact]
    public async Task RemovedFromTheGrammar_ButKept_CheckLsubAndRfc822Items()
    {
        await using var world = await ImapWorld.CreateWithMessagesAsync(1);
        await using var client = await world.LoginAsync();
        await client.CommandAsync("a ENABLE IMAP4rev2", "a OK");
        await client.CommandAsync("b SELECT INBOX", "b OK");
        await client.CommandAsync("c CHECK", "c OK CHECK completed");
        Assert.Contains(await client.CommandAsync("d LSUB \"\" *", "d OK"), l => l.StartsWith("* LSUB ", StringComparison.Ordinal));
        var fetch = await client.CommandAsync("e FETCH 1 (RFC822.SIZE RFC822.HEADER)", "e OK");
        Assert.StartsWith("* 1 FETCH (RFC822.SIZE ", fetch[0], StringComparison.Ordinal);
        Assert.Contains("RFC822.HEADER {", fetch[0], StringComparison.Ordinal);
    }
}
