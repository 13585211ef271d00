namespace ServerlessMail.Imap.Tests;

/// <summary>
/// LIST-EXTENDED (RFC 5258) with RFC 6154's SPECIAL-USE selection: each selection and return option, several
/// patterns, RECURSIVEMATCH with CHILDINFO and \NonExistent, in an inbox login and an account login. Plain LIST and
/// LSUB keep their answers (MailboxSessionTests, MailboxNameTests).
/// </summary>
public sealed class ListExtendedTests
{
    [Fact]
    public async Task SubscribedSelection_ListsOnlySubscribedMailboxes_WithTheSubscribedAttribute()
    {
        await using var world = await ImapWorld.CreateAsync();
        await using var client = await world.LoginAsync();
        await client.CommandAsync("a UNSUBSCRIBE Junk", "a OK");
        var lines = await client.CommandAsync("b LIST (SUBSCRIBED) \"\" *", "b OK LIST completed");
        Assert.Equal(
            [
                "* LIST (\\HasNoChildren \\Archive \\Subscribed) \"/\" \"Archive\"",
                "* LIST (\\HasNoChildren \\Drafts \\Subscribed) \"/\" \"Drafts\"",
                "* LIST (\\HasNoChildren \\Subscribed) \"/\" \"INBOX\"",
                "* LIST (\\HasNoChildren \\Sent \\Subscribed) \"/\" \"Sent\"",
                "* LIST (\\HasNoChildren \\Trash \\Subscribed) \"/\" \"Trash\"",
                "b OK LIST completed",
            ],
            lines);
    }

    [Fact]
    public async Task SubscribedReturnOption_ListsEveryMailbox_MarkingTheSubscribedOnes()
    {
        await using var world = await ImapWorld.CreateAsync();
        await using var client = await world.LoginAsync();
        await client.CommandAsync("a UNSUBSCRIBE Junk", "a OK");
        var lines = await client.CommandAsync("b LIST \"\" % RETURN (SUBSCRIBED)", "b OK");
        Assert.Equal(7, lines.Count);
        Assert.Contains("* LIST (\\HasNoChildren \\Junk) \"/\" \"Junk\"", lines);
        Assert.Contains("* LIST (\\HasNoChildren \\Subscribed) \"/\" \"INBOX\"", lines);
    }

    [Fact]
    public async Task RecursiveMatch_ReturnsParentsOfSubscribedChildren_WithChildInfo_AndNonExistentForMissingOnes()
    {
        await using var world = await ImapWorld.CreateAsync();
        await using var client = await world.LoginAsync();
        await client.CommandAsync("a CREATE Projects/2026", "a OK");
        await client.CommandAsync("b CREATE Lists", "b OK");
        await client.CommandAsync("c CREATE Lists/dev", "c OK");
        await client.CommandAsync("d UNSUBSCRIBE Lists", "d OK");
        await client.CommandAsync("e CREATE Quiet", "e OK");
        await client.CommandAsync("f CREATE Quiet/old", "f OK");
        await client.CommandAsync("g UNSUBSCRIBE Quiet/old", "g OK");

        var top = await client.CommandAsync("h LIST (SUBSCRIBED RECURSIVEMATCH) \"\" %", "h OK");
        Assert.Contains("* LIST (\\HasChildren) \"/\" \"Lists\" (\"CHILDINFO\" (\"SUBSCRIBED\"))", top);
        Assert.Contains("* LIST (\\NonExistent \\HasChildren) \"/\" \"Projects\" (\"CHILDINFO\" (\"SUBSCRIBED\"))", top);
        Assert.Contains("* LIST (\\HasChildren \\Subscribed) \"/\" \"Quiet\"", top);
        Assert.DoesNotContain(top, l => l.Contains('/', StringComparison.Ordinal) && l.Contains("/2026\"", StringComparison.Ordinal));

        // A subscribed parent with a subscribed child that the pattern leaves out carries CHILDINFO as well.
        await client.CommandAsync("i SUBSCRIBE Lists", "i OK");
        Assert.Contains(
            "* LIST (\\HasChildren \\Subscribed) \"/\" \"Lists\" (\"CHILDINFO\" (\"SUBSCRIBED\"))",
            await client.CommandAsync("j LIST (SUBSCRIBED RECURSIVEMATCH) \"\" %", "j OK"));

        // With "*" every subscribed child matches the pattern itself, so no parent is returned for it.
        var all = await client.CommandAsync("k LIST (RECURSIVEMATCH SUBSCRIBED) \"\" *", "k OK");
        Assert.Contains("* LIST (\\HasNoChildren \\Subscribed) \"/\" \"Projects/2026\"", all);
        Assert.DoesNotContain(all, l => l.Contains("CHILDINFO", StringComparison.Ordinal) || l.EndsWith("\"Projects\"", StringComparison.Ordinal));

        // Without RECURSIVEMATCH no parent comes back for its children, and plain LIST does not show the missing one.
        var subscribed = await client.CommandAsync("l LIST (SUBSCRIBED) \"\" %", "l OK");
        Assert.DoesNotContain(subscribed, l => l.Contains("CHILDINFO", StringComparison.Ordinal) || l.Contains("Projects", StringComparison.Ordinal));
        Assert.DoesNotContain(await client.CommandAsync("m LIST \"\" %", "m OK"), l => l.Contains("Projects", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SpecialUseSelection_ListsOnlySpecialUseMailboxes_AndCombinesWithSubscribed()
    {
        await using var world = await ImapWorld.CreateAsync();
        await using var client = await world.LoginAsync();
        await client.CommandAsync("a CREATE Work", "a OK");
        var special = await client.CommandAsync("b LIST (SPECIAL-USE) \"\" * RETURN (SPECIAL-USE)", "b OK");
        Assert.Equal(
            ["\"Archive\"", "\"Drafts\"", "\"Junk\"", "\"Sent\"", "\"Trash\""],
            special.Where(l => l.StartsWith("* LIST", StringComparison.Ordinal)).Select(l => l[(l.LastIndexOf(' ') + 1)..]));
        Assert.Contains("* LIST (\\HasNoChildren \\Junk) \"/\" \"Junk\"", special);

        await client.CommandAsync("c UNSUBSCRIBE Junk", "c OK");
        var both = await client.CommandAsync("d LIST (SPECIAL-USE SUBSCRIBED) \"\" *", "d OK");
        Assert.Equal(5, both.Count);
        Assert.DoesNotContain(both, l => l.Contains("Junk", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SeveralPatterns_ReturnEachMailboxOnce_InTheViewsOrder()
    {
        await using var world = await ImapWorld.CreateAsync();
        await using var client = await world.LoginAsync();
        Assert.Equal(
            ["* LIST (\\HasNoChildren) \"/\" \"INBOX\"", "* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent\"", "a OK LIST completed"],
            await client.CommandAsync("a LIST \"\" (\"Sent\" inbox S* Nowhere)", "a OK"));
    }

    [Fact]
    public async Task OptionsThatChangeNothing_GiveThePlainAnswer()
    {
        await using var world = await ImapWorld.CreateAsync();
        await using var client = await world.LoginAsync();
        await client.CommandAsync("a CREATE Projects/2026", "a OK");
        var plain = Untagged(await client.CommandAsync("b LIST \"\" *", "b OK"));
        Assert.Equal(plain, Untagged(await client.CommandAsync("c LIST (REMOTE) \"\" *", "c OK")));
        Assert.Equal(plain, Untagged(await client.CommandAsync("d LIST () \"\" (*) RETURN ()", "d OK")));
        Assert.Equal(plain, Untagged(await client.CommandAsync("e LIST \"\" * RETURN (CHILDREN SPECIAL-USE)", "e OK")));
        Assert.Equal(["* LIST (\\Noselect) \"/\" \"\"", "f OK LIST completed"], await client.CommandAsync("f LIST (SUBSCRIBED) \"\" \"\"", "f OK"));
    }

    [Fact]
    public async Task AccountLogin_InboxContainers_CarryChildInfo_AndSubscribedFoldersKeepTheirFullNames()
    {
        await using var world = await ImapWorld.CreateAsync();
        await using var client = await world.ConnectAsync();
        await client.CommandAsync($"a LOGIN {world.Account.Id} {world.AccountToken}", "a OK");
        Assert.Equal(
            [
                "* LIST (\\Noselect \\HasChildren) \"/\" \"alice@hosted.test\" (\"CHILDINFO\" (\"SUBSCRIBED\"))",
                "* LIST (\\Noselect \\HasChildren) \"/\" \"bob@hosted.test\" (\"CHILDINFO\" (\"SUBSCRIBED\"))",
                "b OK LIST completed",
            ],
            await client.CommandAsync("b LIST (SUBSCRIBED RECURSIVEMATCH) \"\" %", "b OK"));
        await client.CommandAsync("c UNSUBSCRIBE bob@hosted.test/Sent", "c OK");
        var bob = await client.CommandAsync("d LIST (SUBSCRIBED) \"\" (bob@hosted.test/S* alice@hosted.test/Sent)", "d OK");
        Assert.Equal(["* LIST (\\HasNoChildren \\Sent \\Subscribed) \"/\" \"alice@hosted.test/Sent\"", "d OK LIST completed"], bob);
        Assert.Empty(Untagged(await client.CommandAsync("e LIST (SUBSCRIBED) \"\" %", "e OK")));
    }

    [Fact]
    public async Task ModifiedUtf7Names_MatchAndAreListedEncoded()
    {
        await using var world = await ImapWorld.CreateAsync();
        await using var client = await world.LoginAsync();
        await client.CommandAsync("a CREATE Entw&APw-rfe/Alt", "a OK");
        Assert.Equal(
            ["* LIST (\\NonExistent \\HasChildren) \"/\" \"Entw&APw-rfe\" (\"CHILDINFO\" (\"SUBSCRIBED\"))", "b OK LIST completed"],
            await client.CommandAsync("b LIST (SUBSCRIBED RECURSIVEMATCH) \"\" (Entw&APw-%)", "b OK"));
    }

    private static List<string> Untagged(List<string> lines) => lines.Where(l => l.StartsWith("* ", StringComparison.Ordinal)).ToList();
}
