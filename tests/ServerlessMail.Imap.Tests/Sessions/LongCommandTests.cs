namespace ServerlessMail.Imap.Tests;

/// <summary>
/// A command over 64 KB is handled where it lies in the input buffer; IDLE, AUTHENTICATE and STARTTLS, which read on,
/// are refused at that size instead of reading past input the session still holds. Only a host that raises the line
/// limits can meet this (the defaults keep every line within 64 KB), so the tests raise them.
/// </summary>
public sealed class LongCommandTests
{
    private static readonly string LongTag = new('t', 70_000);

    [Fact]
    public async Task Idle_OverTheCopyLimit_IsBad_AndTheSessionGoesOn()
    {
        await using var world = await ImapWorld.CreateAsync();
        var options = Raised();
        await using var client = await world.LoginAsync(options: options);
        await client.CommandAsync("a SELECT INBOX", "a OK");
        await client.CommandAsync(LongTag + " IDLE", LongTag + " BAD Command line too long for IDLE");
        await client.CommandAsync("b NOOP", "b OK");
        await client.SendAsync("c IDLE\r\n");
        await client.ExpectLineAsync("+ idling");
        await client.SendAsync("DONE\r\n");
        await client.ReadUntilTaggedAsync("c", "c OK");
    }

    [Theory]
    [InlineData("AUTHENTICATE LOGIN")]
    [InlineData("STARTTLS")]
    public async Task AuthenticateAndStartTls_OverTheCopyLimit_AreBad(string command)
    {
        await using var world = await ImapWorld.CreateAsync();
        await using var client = await world.ConnectAsync(Raised(), implicitTls: command == "AUTHENTICATE LOGIN");
        var name = command.Split(' ')[0];
        await client.CommandAsync(LongTag + " " + command, LongTag + " BAD Command line too long for " + name);
        await client.CommandAsync("b CAPABILITY", "b OK");
    }

    [Fact]
    public async Task Append_OverTheCopyLimit_StillWorks()
    {
        await using var world = await ImapWorld.CreateAsync();
        await using var client = await world.LoginAsync();
        var message = ImapWorld.Message("Big", body: new string('x', 100_000));
        await client.SendAsync($"a APPEND INBOX {{{message.Length}+}}\r\n{message}\r\n");
        await client.ReadUntilTaggedAsync("a", "a OK [APPENDUID ");
        Assert.Equal(1, (await world.FolderAsync(world.Alice, "INBOX")).Total);
    }

    private static ImapServerOptions Raised()
    {
        var options = ImapWorld.DefaultOptions();
        options.MaxLineLengthBeforeLogin = 128 * 1024;
        options.MaxLineLength = 128 * 1024;
        return options;
    }
}
