

namespace ServerlessMail.Imap.Tests;

public sealed class BasicSessionTests
{
    [Fact]
    public async Task Capability_UnderTls_OffersAuthAndEveryAlwaysCapability()
    {
        await using var world = await ImapWorld.CreateAsync();
        await using var client = await world.ConnectAsync();
        var lines = await client.CommandAsync("a CAPABILITY", "a OK");
        var capability = lines[0];
        foreach (var name in "IMAP4rev1 IDLE SPECIAL-USE NAMESPACE UIDPLUS MOVE ID ENABLE UNSELECT LITERAL+ CHILDREN SASL-IR ESEARCH CONDSTORE QRESYNC LIST-EXTENDED LIST-STATUS STATUS=SIZE BINARY APPENDLIMIT=26214400 AUTH=PLAIN AUTH=LOGIN".Split(' '))
        {
            Assert.Contains(" " + name, capability, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("LOGINDISABLED", capability, StringComparison.Ordinal);
        Assert.DoesNotContain("STARTTLS", capability, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cleartext_AdvertisesStartTlsAndLoginDisabled_AndRefusesLogin()
    {
        await using var world = await ImapWorld.CreateAsync();
        await using var client = await world.ConnectAsync(implicitTls: false);
        var lines = await client.CommandAsync("a CAPABILITY", "a OK");
        Assert.Contains(" STARTTLS", lines[0], StringComparison.Ordinal);
        Assert.Contains(" LOGINDISABLED", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("AUTH=", lines[0], StringComparison.Ordinal);
        await client.CommandAsync($"b LOGIN alice@hosted.test {world.AliceToken}", "b NO [PRIVACYREQUIRED]");
        await client.CommandAsync("c AUTHENTICATE PLAIN", "c NO [PRIVACYREQUIRED]");
    }

    [Fact]
    public async Task StartTls_ThenLogin_Works_AndASecondStartTlsIsRefused()
    {
        await using var world = await ImapWorld.CreateAsync();
        await using var client = await world.ConnectAsync(implicitTls: false);
        await client.CommandAsync("a STARTTLS", "a OK");
        await client.StartTlsAsync();
        var lines = await client.CommandAsync("b CAPABILITY", "b OK");
        Assert.Contains("AUTH=PLAIN", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("STARTTLS", lines[0], StringComparison.Ordinal);
        await client.CommandAsync("c STARTTLS", "c BAD");
        await client.CommandAsync($"d LOGIN alice@hosted.test {world.AliceToken}", "d OK");
    }

    [Fact]
    public async Task StartTls_WithPipelinedPlaintext_ClosesWithoutUpgrading()
    {
        await using var world = await ImapWorld.CreateAsync();
        await using var client = await world.ConnectAsync(implicitTls: false);
        await client.SendAsync("a STARTTLS\r\nb LOGIN alice@hosted.test secret\r\n");
        await client.ExpectLineAsync("* BYE");
        await client.ExpectClosedAsync();
        Assert.Contains("STARTTLS injection", world.Log.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Noop_Logout_AndUnknownCommands()
    {
        await using var world = await ImapWorld.CreateAsync();
        await using var client = await world.ConnectAsync();
        await client.CommandAsync("a NOOP", "a OK");
        await client.CommandAsync("b FROB", "b BAD");
        await client.CommandAsync("c SELECT INBOX", "c BAD");
        await client.SendAsync("d LOGOUT\r\n");
        await client.ExpectLineAsync("* BYE");
        await client.ExpectLineAsync("d OK");
        await client.ExpectClosedAsync();
    }

    [Fact]
    public async Task Login_WithAWrongToken_IsAuthenticationFailed_AndSecretsNeverReachTheLog()
    {
        await using var world = await ImapWorld.CreateAsync();
        await using var client = await world.ConnectAsync();
        await client.CommandAsync("a LOGIN alice@hosted.test sm_wrongtoken", "a NO [AUTHENTICATIONFAILED]");
        await client.CommandAsync($"b LOGIN alice@hosted.test {world.AliceToken}", "b OK");
        var plain = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("\0alice@hosted.test\0" + world.AliceToken));
        Assert.DoesNotContain(world.AliceToken, world.Log.All, StringComparison.Ordinal);
        Assert.DoesNotContain("sm_wrongtoken", world.Log.All, StringComparison.Ordinal);
        Assert.DoesNotContain(plain, world.Log.All, StringComparison.Ordinal);
        Assert.Contains("LOGIN (redacted)", world.Log.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authenticate_Plain_WithAndWithoutInitialResponse_AndLogin()
    {
        await using var world = await ImapWorld.CreateAsync();
        var plain = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("\0alice@hosted.test\0" + world.AliceToken));
        await using (var client = await world.ConnectAsync())
        {
            await client.CommandAsync("a AUTHENTICATE PLAIN " + plain, "a OK");
        }

        await using (var client = await world.ConnectAsync())
        {
            await client.SendAsync("a AUTHENTICATE PLAIN\r\n");
            await client.ExpectLineAsync("+");
            await client.SendAsync(plain + "\r\n");
            await client.ReadUntilTaggedAsync("a", "a OK");
        }

        await using (var client = await world.ConnectAsync())
        {
            await client.SendAsync("a AUTHENTICATE LOGIN\r\n");
            await client.ExpectLineAsync("+ VXNlcm5hbWU6");
            await client.SendAsync(Convert.ToBase64String("alice@hosted.test"u8.ToArray()) + "\r\n");
            await client.ExpectLineAsync("+ UGFzc3dvcmQ6");
            await client.SendAsync(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(world.AliceToken)) + "\r\n");
            await client.ReadUntilTaggedAsync("a", "a OK");
        }

        Assert.DoesNotContain(world.AliceToken, world.Log.All, StringComparison.Ordinal);
        Assert.DoesNotContain(plain, world.Log.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TooManyAuthFailures_GetBye()
    {
        await using var world = await ImapWorld.CreateAsync();
        var options = ImapWorld.DefaultOptions();
        options.MaxAuthFailures = 2;
        await using var client = await world.ConnectAsync(options);
        await client.CommandAsync("a LOGIN alice@hosted.test nope", "a NO [AUTHENTICATIONFAILED]");
        await client.SendAsync("b LOGIN alice@hosted.test nope\r\n");
        await client.ExpectLineAsync("b NO [AUTHENTICATIONFAILED]");
        await client.ExpectLineAsync("* BYE");
        await client.ExpectClosedAsync();
    }

    [Fact]
    public async Task IdNamespaceEnable()
    {
        await using var world = await ImapWorld.CreateAsync();
        await using var client = await world.LoginAsync();
        Assert.StartsWith("* ID (", (await client.CommandAsync("a ID (\"name\" \"test\")", "a OK"))[0], StringComparison.Ordinal);
        Assert.Equal("* NAMESPACE ((\"\" \"/\")) NIL NIL", (await client.CommandAsync("b NAMESPACE", "b OK"))[0]);
        Assert.Equal("* ENABLED CONDSTORE", (await client.CommandAsync("c ENABLE CONDSTORE", "c OK"))[0]);
    }
}
