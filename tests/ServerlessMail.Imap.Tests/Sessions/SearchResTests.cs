namespace ServerlessMail.Imap.Tests;

/// <summary>
/// RFC 5182 SEARCHRES in an IMAP4rev1 session: SEARCH RETURN (SAVE), "$" in FETCH, STORE, COPY, MOVE, SEARCH,
/// UID EXPUNGE and their UID forms, what SAVE keeps with MIN and MAX, and when the saved result is emptied.
/// </summary>
public sealed class SearchResTests
{
    [Fact]
    public async Task Capability_AdvertisesSearchRes()
    {
        await using var world = await ImapWorld.CreateAsync();
        await using var client = await world.LoginAsync();
        Assert.Contains(" SEARCHRES ", (await client.CommandAsync("a CAPABILITY", "a OK"))[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveAlone_AnswersOnlyOk_AndDollarNamesTheMatchesInEveryCommand()
    {
        await using var world = await ImapWorld.CreateWithMessagesAsync(5);
        await using var client = await world.LoginAsync();
        await client.CommandAsync("a SELECT INBOX", "a OK");
        await client.CommandAsync("b STORE 2,4 +FLAGS.SILENT (\\Flagged)", "b OK");

        Assert.Equal(["c OK SEARCH completed"], await client.CommandAsync("c SEARCH RETURN (SAVE) FLAGGED", "c OK"));
        Assert.Equal(["* 2 FETCH (UID 2)", "* 4 FETCH (UID 4)", "d OK FETCH completed"], await client.CommandAsync("d FETCH $ (UID)", "d OK"));
        Assert.Equal(["* 2 FETCH (UID 2)", "* 4 FETCH (UID 4)", "e OK UID FETCH completed"], await client.CommandAsync("e UID FETCH $ (UID)", "e OK"));
        Assert.Equal(["* SEARCH 4", "f OK SEARCH completed"], await client.CommandAsync("f SEARCH $ 3:*", "f OK"));
        Assert.Equal(["* SEARCH 2", "g OK UID SEARCH completed"], await client.CommandAsync("g UID SEARCH UID $ NOT 4", "g OK"));
        var store = await client.CommandAsync("h STORE $ +FLAGS (\\Seen)", "h OK");
        Assert.Equal(["* 2 FETCH (FLAGS (\\Seen \\Flagged \\Recent))", "* 4 FETCH (FLAGS (\\Seen \\Flagged \\Recent))"], store[..2]);
        Assert.StartsWith("i OK [COPYUID ", (await client.CommandAsync("i COPY $ Archive", "i OK"))[^1], StringComparison.Ordinal);

        // MOVE of "$" expunges both; "$" then names nothing, and the rest of the mailbox is unchanged.
        var move = await client.CommandAsync("j UID MOVE $ Trash", "j OK");
        Assert.Equal(["* 4 EXPUNGE", "* 2 EXPUNGE"], move.Where(l => l.EndsWith(" EXPUNGE", StringComparison.Ordinal)));
        Assert.Equal(["k OK FETCH completed"], await client.CommandAsync("k FETCH $ (UID)", "k OK"));
        Assert.Equal(["* SEARCH 1 3 5", "l OK UID SEARCH completed"], await client.CommandAsync("l UID SEARCH ALL", "l OK"));
    }

    [Fact]
    public async Task UidSearchSave_IsSeenBySequenceCommands_AfterAnExpungeShiftsTheNumbers()
    {
        await using var world = await ImapWorld.CreateWithMessagesAsync(4);
        await using var client = await world.LoginAsync();
        await client.CommandAsync("a SELECT INBOX", "a OK");
        await client.CommandAsync("b UID SEARCH RETURN (SAVE) UID 3:4", "b OK");
        await client.CommandAsync("c STORE 1 +FLAGS.SILENT (\\Deleted)", "c OK");
        await client.CommandAsync("d EXPUNGE", "d OK");

        // UIDs 3 and 4 are now messages 2 and 3.
        Assert.Equal(["* 2 FETCH (UID 3)", "* 3 FETCH (UID 4)", "e OK FETCH completed"], await client.CommandAsync("e FETCH $ (UID)", "e OK"));
        await client.CommandAsync("f UID STORE $ +FLAGS.SILENT (\\Deleted)", "f OK");
        await client.CommandAsync("g UID EXPUNGE $", "g OK");
        Assert.Equal(["* SEARCH 2", "h OK UID SEARCH completed"], await client.CommandAsync("h UID SEARCH ALL", "h OK"));
    }

    [Theory]
    [InlineData("MIN SAVE", "* ESEARCH (TAG \"b\") MIN 2", "2")]
    [InlineData("SAVE MAX", "* ESEARCH (TAG \"b\") MAX 4", "4")]
    [InlineData("MIN MAX SAVE", "* ESEARCH (TAG \"b\") MIN 2 MAX 4", "2 4")]
    [InlineData("SAVE MIN COUNT", "* ESEARCH (TAG \"b\") MIN 2 COUNT 3", "2 3 4")]
    [InlineData("SAVE ALL", "* ESEARCH (TAG \"b\") ALL 2:4", "2 3 4")]
    public async Task SaveWithMinOrMax_KeepsOnlyThose_UnlessAllOrCountAsked(string options, string esearch, string saved)
    {
        await using var world = await ImapWorld.CreateWithMessagesAsync(5);
        await using var client = await world.LoginAsync();
        await client.CommandAsync("a SELECT INBOX", "a OK");
        Assert.Equal([esearch, "b OK SEARCH completed"], await client.CommandAsync($"b SEARCH RETURN ({options}) 2:4", "b OK"));
        Assert.Equal(["* SEARCH " + saved, "c OK SEARCH completed"], await client.CommandAsync("c SEARCH $", "c OK"));
    }

    [Fact]
    public async Task DollarBeforeAnySave_IsTheEmptySet()
    {
        await using var world = await ImapWorld.CreateWithMessagesAsync(2);
        await using var client = await world.LoginAsync();
        await client.CommandAsync("a SELECT INBOX", "a OK");
        Assert.Equal(["b OK FETCH completed"], await client.CommandAsync("b FETCH $ FLAGS", "b OK"));
        Assert.Equal(["c OK STORE completed"], await client.CommandAsync("c STORE $ +FLAGS (\\Seen)", "c OK"));
        Assert.Equal(["* SEARCH", "d OK SEARCH completed"], await client.CommandAsync("d SEARCH $", "d OK"));
        Assert.Equal(["e OK COPY completed"], await client.CommandAsync("e COPY $ Archive", "e OK"));
    }

    [Fact]
    public async Task SelectExamineCloseAndUnselect_EmptyTheSavedResult()
    {
        await using var world = await ImapWorld.CreateWithMessagesAsync(2);
        await using var client = await world.LoginAsync();
        foreach (var (open, close) in new[] { ("SELECT", "CLOSE"), ("EXAMINE", "UNSELECT"), ("SELECT", "SELECT INBOX"), ("SELECT", "EXAMINE INBOX") })
        {
            await client.CommandAsync($"a {open} INBOX", "a OK");
            await client.CommandAsync("b SEARCH RETURN (SAVE) ALL", "b OK");
            Assert.Equal(3, (await client.CommandAsync("c FETCH $ (UID)", "c OK")).Count);
            await client.CommandAsync($"d {close}", "d OK");
            if (close.StartsWith("CLOSE", StringComparison.Ordinal) || close.StartsWith("UNSELECT", StringComparison.Ordinal))
            {
                await client.CommandAsync("e SELECT INBOX", "e OK");
            }

            Assert.Equal(["f OK FETCH completed"], await client.CommandAsync("f FETCH $ (UID)", "f OK"));
            await client.CommandAsync("g UNSELECT", "g OK");
        }
    }

    [Fact]
    public async Task FailedSave_NoEmptiesTheResult_BadKeepsIt()
    {
        await using var world = await ImapWorld.CreateWithMessagesAsync(3);
        await using var client = await world.LoginAsync();
        await client.CommandAsync("a SELECT INBOX", "a OK");
        await client.CommandAsync("b SEARCH RETURN (SAVE) 2", "b OK");
        await client.CommandAsync("c SEARCH RETURN (SAVE) NOSUCHKEY", "c BAD");
        Assert.Equal(["* SEARCH 2", "d OK SEARCH completed"], await client.CommandAsync("d SEARCH $", "d OK"));
        await client.CommandAsync("e SEARCH RETURN (SAVE) CHARSET KOI8-R ALL", "e NO [BADCHARSET");
        Assert.Equal(["* SEARCH", "f OK SEARCH completed"], await client.CommandAsync("f SEARCH $", "f OK"));
    }

    [Fact]
    public async Task Pipelined_SaveThenDollar_RunInOrder_AndDollarReadsThePreviousResultInTheSavingSearch()
    {
        await using var world = await ImapWorld.CreateWithMessagesAsync(4);
        await using var client = await world.LoginAsync();
        await client.CommandAsync("a SELECT INBOX", "a OK");

        // RFC 5182 §2.4: the client need not wait for the SEARCH before sending the command that uses "$".
        await client.SendAsync("b SEARCH RETURN (SAVE) 2:3\r\nc SEARCH RETURN (SAVE) $ 3:4\r\nd FETCH $ (UID)\r\n");
        Assert.Equal(["b OK SEARCH completed"], await client.ReadUntilTaggedAsync("b", "b OK"));
        Assert.Equal(["c OK SEARCH completed"], await client.ReadUntilTaggedAsync("c", "c OK"));
        Assert.Equal(["* 3 FETCH (UID 3)", "d OK FETCH completed"], await client.ReadUntilTaggedAsync("d", "d OK"));
    }

    [Theory]
    [InlineData("a FETCH $,1 (UID)")]
    [InlineData("a FETCH 1:$ (UID)")]
    [InlineData("a SEARCH UID $:2")]
    public async Task DollarInsideAList_IsBad(string command)
    {
        await using var world = await ImapWorld.CreateWithMessagesAsync(2);
        await using var client = await world.LoginAsync();
        await client.CommandAsync("s SELECT INBOX", "s OK");
        await client.CommandAsync(command, "a BAD");
    }
}
