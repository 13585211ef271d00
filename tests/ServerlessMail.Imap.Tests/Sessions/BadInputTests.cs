namespace ServerlessMail.Imap.Tests;

/// <summary>Every kind of refused input gets BAD (or NO for a too-big literal) with its reason, and the session goes on.</summary>
public sealed class BadInputTests
{
    [Theory]
    [InlineData("a NOOP\n", "a BAD Lines end with CRLF")]
    [InlineData("a NO\rOP\r\n", "a BAD Lines end with CRLF")]
    [InlineData("a  NOOP\r\n", "a BAD Unexpected space")]
    [InlineData("a NOOP \r\n", "a BAD Unexpected space")]
    [InlineData("* NOOP\r\n", "* BAD Expected a tag and a command")]
    [InlineData("\r\n", "* BAD Expected a tag and a command")]
    [InlineData("a FETCH 1 (FLAGS\r\n", "a BAD Unbalanced parentheses")]
    [InlineData("a FETCH 1 (FLAGS)UID\r\n", "a BAD Expected a space between arguments")]
    [InlineData("a LOGIN \"abc\r\n", "a BAD Bad quoted string")]
    [InlineData("a FETCH 1 BODY[\r\n", "a BAD Bad atom")]
    [InlineData("a FROB\r\n", "a BAD Unknown command")]
    [InlineData("a UID FROB 1\r\n", "a BAD Unknown command")]
    [InlineData("a LOGIN x y\r\n", "a BAD Not allowed in this state")]
    [InlineData("a SELECT\r\n", "a BAD SELECT takes a mailbox name")]
    [InlineData("a SELECT INBOX (FROB)\r\n", "a BAD Unknown SELECT parameter")]
    [InlineData("a SELECT INBOX (QRESYNC)\r\n", "a BAD QRESYNC takes (uidvalidity modseq [known-uids [(sequences uids)]])")]
    [InlineData("a SELECT INBOX (QRESYNC (1 1))\r\n", "a BAD ENABLE QRESYNC first")]
    [InlineData("a UID FETCH 1 FLAGS (CHANGEDSINCE 1 VANISHED)\r\n", "a BAD VANISHED needs UID FETCH and ENABLE QRESYNC")]
    [InlineData("a UID FETCH 1 FLAGS (VANISHED)\r\n", "a BAD FETCH takes a set and data items")]
    [InlineData("a FETCH x FLAGS\r\n", "a BAD FETCH takes a set and data items")]
    [InlineData("a FETCH 1 FROB\r\n", "a BAD FETCH takes a set and data items")]
    [InlineData("a STORE 1 FLAGZ (\\Seen)\r\n", "a BAD STORE takes a set, FLAGS, +FLAGS or -FLAGS (.SILENT) and flags")]
    [InlineData("a SEARCH FROB\r\n", "a BAD Unknown search key FROB")]
    [InlineData("a EXPUNGE 1\r\n", "a BAD Bad arguments")]
    [InlineData("a IDLE now\r\n", "a BAD IDLE takes no arguments")]
    [InlineData("a CLOSE x\r\n", "a BAD CLOSE takes no arguments")]
    [InlineData("a COPY 1\r\n", "a BAD Takes a set and a mailbox")]
    [InlineData("a STATUS INBOX (FROB)\r\n", "a BAD STATUS takes a mailbox and a list of MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ SIZE DELETED")]
    [InlineData("a STATUS INBOX ()\r\n", "a BAD STATUS takes a mailbox and a list of MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ SIZE DELETED")]
    [InlineData("a STATUS INBOX (SIZE FROB)\r\n", "a BAD STATUS takes a mailbox and a list of MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ SIZE DELETED")]
    [InlineData("a STATUS INBOX SIZE\r\n", "a BAD STATUS takes a mailbox and a list of MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ SIZE DELETED")]
    [InlineData("a STATUS INBOX (SIZE) extra\r\n", "a BAD STATUS takes a mailbox and a list of MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ SIZE DELETED")]
    [InlineData("a LIST \"\" * x\r\n", "a BAD LIST takes a reference and a mailbox pattern")]
    [InlineData("a LIST (FROB) \"\" *\r\n", "a BAD Unknown LIST selection option")]
    [InlineData("a LIST (RECURSIVEMATCH) \"\" *\r\n", "a BAD RECURSIVEMATCH needs SUBSCRIBED")]
    [InlineData("a LIST \"\" * RETURN (FROB)\r\n", "a BAD Unknown LIST return option")]
    [InlineData("a LIST \"\" * RETURN (STATUS (FROB))\r\n", "a BAD RETURN STATUS takes a list of MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ SIZE DELETED")]
    [InlineData("a ENABLE\r\n", "a BAD ENABLE needs a capability")]
    [InlineData("a APPEND INBOX\r\n", "a BAD APPEND takes a mailbox, optional flags and date, and a literal")]
    public async Task SelectedState_RefusesWithTheReason(string input, string expected)
    {
        await using var world = await ImapWorld.CreateAsync();
        await world.AppendAsync(world.Alice, "INBOX", ImapWorld.Message("One"));
        await using var client = await world.LoginAsync();
        await client.CommandAsync("s SELECT INBOX", "s OK");
        await client.SendAsync(input);
        Assert.Equal(expected, await client.ReadResponseAsync());
        await client.CommandAsync("z NOOP", "z OK");
    }

    [Theory]
    [InlineData("a SELECT INBOX\r\n", "a BAD Log in first")]
    [InlineData("a LOGIN {5000}\r\n", "a NO [TOOBIG] Literal too big")]
    [InlineData("a AUTHENTICATE\r\n", "a BAD AUTHENTICATE needs a mechanism")]
    [InlineData("a AUTHENTICATE CRAM-MD5\r\n", "a NO [CANNOT] Unsupported mechanism")]
    [InlineData("a AUTHENTICATE PLAIN !!!\r\n", "a BAD Malformed SASL response")]
    [InlineData("a STARTTLS\r\n", "a BAD TLS is already active")]
    public async Task NotAuthenticatedState_RefusesWithTheReason(string input, string expected)
    {
        await using var world = await ImapWorld.CreateAsync();
        await using var client = await world.ConnectAsync();
        await client.SendAsync(input);
        Assert.Equal(expected, await client.ReadResponseAsync());
        await client.CommandAsync("z NOOP", "z OK");
    }
}
