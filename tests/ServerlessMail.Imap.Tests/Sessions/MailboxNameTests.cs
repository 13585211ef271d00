using ServerlessMail.Core;

namespace ServerlessMail.Imap.Tests;

/// <summary>Mailbox names travel in modified UTF-7 (RFC 3501 §5.1.3) and are stored in Unicode.</summary>
public sealed class MailboxNameTests
{
    [Fact]
    public async Task Create_List_Select_Status_Rename_InModifiedUtf7()
    {
        await using var world = await ImapWorld.CreateAsync();
        await using var client = await world.LoginAsync();
        await client.CommandAsync("a CREATE Entw&APw-rfe", "a OK");
        Assert.NotNull(await world.Store.FindFolderAsync(world.Alice.Id, "Entwürfe"));
        Assert.Contains("* LIST (\\HasNoChildren) \"/\" \"Entw&APw-rfe\"", await client.CommandAsync("b LIST \"\" *", "b OK"));
        Assert.Equal(["* LIST (\\HasNoChildren) \"/\" \"Entw&APw-rfe\"", "c OK LIST completed"], await client.CommandAsync("c LIST \"\" Entw&APw-*", "c OK"));
        await client.CommandAsync("d SELECT \"Entw&APw-rfe\"", "d OK [READ-WRITE]");
        Assert.StartsWith("* STATUS \"Entw&APw-rfe\" (MESSAGES 0)", (await client.CommandAsync("e STATUS Entw&APw-rfe (MESSAGES)", "e OK"))[0], StringComparison.Ordinal);
        await client.CommandAsync("f RENAME Entw&APw-rfe &ZeVnLIqe-/A&-B", "f OK");
        Assert.NotNull(await world.Store.FindFolderAsync(world.Alice.Id, "日本語/A&B"));
        Assert.Contains("* LIST (\\HasNoChildren) \"/\" \"&ZeVnLIqe-/A&-B\"", await client.CommandAsync("g LIST \"\" *", "g OK"));
    }

    [Fact]
    public async Task AFolderNamedElsewhereInUnicode_IsListedEncoded_AndCopiedInto()
    {
        await using var world = await ImapWorld.CreateAsync();
        var inboxes = new InboxService(world.Store, world.Blobs, TimeProvider.System);
        await world.Store.CreateFolderAsync(inboxes.NewFolder(world.Alice.Id, "Привет", SpecialUse.None, DateTimeOffset.UtcNow));
        await world.AppendAsync(world.Alice, "INBOX", ImapWorld.Message("One"));
        await using var client = await world.LoginAsync();
        Assert.Contains("* LIST (\\HasNoChildren) \"/\" \"&BB8EQAQ4BDIENQRC-\"", await client.CommandAsync("a LIST \"\" %", "a OK"));
        await client.CommandAsync("b SELECT INBOX", "b OK");
        await client.CommandAsync("c COPY 1 &BB8EQAQ4BDIENQRC-", "c OK [COPYUID ");
        Assert.Equal(1, (await world.FolderAsync(world.Alice, "Привет")).Total);
    }

    [Theory]
    [InlineData("CREATE \"Entwürfe\"")]
    [InlineData("SELECT &APw")]
    [InlineData("STATUS &AGE- (MESSAGES)")]
    [InlineData("DELETE &APx-")]
    [InlineData("RENAME INBOX/x &2D0-")]
    [InlineData("SUBSCRIBE &APw=-")]
    [InlineData("LIST \"\" \"Entwürfe\"")]
    public async Task NamesThatAreNotModifiedUtf7_AreBadWithTheReason(string command)
    {
        await using var world = await ImapWorld.CreateAsync();
        await using var client = await world.LoginAsync();
        var lines = await client.CommandAsync("z " + command, "z BAD");
        Assert.Equal("z BAD Mailbox name is not valid modified UTF-7 (RFC 3501 §5.1.3)", lines[^1]);
    }
}
