using ServerlessMail.Core;

namespace ServerlessMail.Imap.Tests;

/// <summary>
/// LIST-STATUS (RFC 5819): RETURN (STATUS (…)) puts each selectable mailbox's STATUS right after its LIST line, the
/// same answer the STATUS command gives, and none after \Noselect containers or \NonExistent parents.
/// </summary>
public sealed class ListStatusTests
{
    private const string Items = "MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ SIZE DELETED";

    [Fact]
    public async Task EachListLine_IsFollowedByTheStatusTheStatusCommandGives()
    {
        await using var world = await ImapWorld.CreateAsync();
        await world.AppendAsync(world.Alice, "INBOX", ImapWorld.Message("One"));
        await world.AppendAsync(world.Alice, "INBOX", ImapWorld.Message("Two", body: "A longer body."), MessageFlags.Seen | MessageFlags.Deleted);
        await world.AppendAsync(world.Alice, "Sent", ImapWorld.Message("Three"), MessageFlags.Seen);
        await using var client = await world.LoginAsync();
        await client.CommandAsync("a CREATE Entw&APw-rfe", "a OK");

        var lines = await client.CommandAsync($"b LIST \"\" * RETURN (STATUS ({Items}))", "b OK LIST completed");
        var lists = lines.Where(l => l.StartsWith("* LIST ", StringComparison.Ordinal)).ToList();
        Assert.Equal(7, lists.Count);
        Assert.Equal(2 * lists.Count + 1, lines.Count);
        for (var i = 0; i < lists.Count; i++)
        {
            Assert.Equal(lists[i], lines[2 * i]);
            var name = lists[i][(lists[i].LastIndexOf(' ') + 1)..];
            var status = await client.CommandAsync($"s{i} STATUS {name} ({Items})", $"s{i} OK");
            Assert.Equal(status[0], lines[(2 * i) + 1]);
        }

        Assert.Contains(lines, l => l.StartsWith("* STATUS \"INBOX\" (MESSAGES 2 RECENT 2 ", StringComparison.Ordinal) && l.EndsWith(" DELETED 1)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("* STATUS \"Entw&APw-rfe\" (MESSAGES 0 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoselectContainersAndNonExistentParents_GetNoStatus()
    {
        await using var world = await ImapWorld.CreateAsync();
        await world.AppendAsync(world.Bob, "INBOX", ImapWorld.Message("One"));
        await using var client = await world.ConnectAsync();
        await client.CommandAsync($"a LOGIN {world.Account.Id} {world.AccountToken}", "a OK");
        await client.CommandAsync("b CREATE bob@hosted.test/Projects/2026", "b OK");

        Assert.Equal(
            [
                "* LIST (\\Noselect \\HasChildren) \"/\" \"alice@hosted.test\"",
                "* LIST (\\Noselect \\HasChildren) \"/\" \"bob@hosted.test\"",
                "c OK LIST completed",
            ],
            await client.CommandAsync("c LIST \"\" % RETURN (STATUS (MESSAGES))", "c OK"));

        Assert.Equal(
            [
                "* LIST (\\HasNoChildren \\Subscribed) \"/\" \"bob@hosted.test/INBOX\"",
                "* STATUS \"bob@hosted.test/INBOX\" (MESSAGES 1 UNSEEN 1)",
                "* LIST (\\NonExistent \\HasChildren) \"/\" \"bob@hosted.test/Projects\" (\"CHILDINFO\" (\"SUBSCRIBED\"))",
                "d OK LIST completed",
            ],
            await client.CommandAsync("d LIST (SUBSCRIBED RECURSIVEMATCH) bob@hosted.test/ (INBOX P%) RETURN (STATUS (MESSAGES UNSEEN))", "d OK"));
    }
}
