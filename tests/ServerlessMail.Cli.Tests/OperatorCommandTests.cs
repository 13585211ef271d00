namespace ServerlessMail.Cli.Tests;

/// <summary>The operator commands and serve's option errors, run in-process through <see cref="Program.Run"/>.</summary>
public sealed class OperatorCommandTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("sm-cli-");

    [Fact]
    public void Serve_WithABadPort_ExitsTwoWithOneReadableLine()
    {
        var (exitCode, output, error) = Run("serve", "--data-dir", _directory.FullName, "--smtp-port", "99999");

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Equal("serverlessmail: --smtp-port: '99999' is not valid; expected a port number from 1 to 65535.", error.Trim());
    }

    [Fact]
    public void Serve_WithABadValueInItsConfigFile_ExitsTwoNamingTheFileAndKey()
    {
        var config = Path.Combine(_directory.FullName, "serve.json");
        File.WriteAllText(config, """{"domain": "no spaces allowed"}""");

        var (exitCode, _, error) = Run("serve", "--data", _directory.FullName, "--config", config);

        Assert.Equal(2, exitCode);
        Assert.Equal($"serverlessmail: {config}: domain: 'no spaces allowed' is not valid; expected a domain name such as example.test.", error.Trim());
    }

    [Fact]
    public void TheDataFlag_AndItsOldNameDataDir_OpenTheSameStore()
    {
        Run("inbox", "create", "zed@example.test", "--data", _directory.FullName, "--fsync", "false");

        var (exitCode, listed, _) = Run("inbox", "list", "example.test", "--data-dir", _directory.FullName);

        Assert.Equal(0, exitCode);
        Assert.StartsWith("zed@example.test\t", listed, StringComparison.Ordinal);
    }

    [Fact]
    public void ServeHelp_ListsEveryFlagWithItsVariable()
    {
        var (exitCode, output, _) = Run("serve", "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("--greeting-delay", output, StringComparison.Ordinal);
        Assert.Contains("[env: SERVERLESSMAIL_SUBMISSIONS_PORT]", output, StringComparison.Ordinal);
        foreach (var flag in new[] { "--imap-port", "--imaps-port", "--api-port", "--domain", "--idle-poll", "--config", "--data, --data-dir" })
        {
            Assert.Contains(flag, output, StringComparison.Ordinal);
        }

        Assert.Contains("[env: SERVERLESSMAIL_DATA or SERVERLESSMAIL_DATA_DIR]", output, StringComparison.Ordinal);
        Assert.DoesNotContain("--smarthost-password", output, StringComparison.Ordinal);
    }

    [Fact]
    public void InboxAndTokenCommands_CreateListAndRevoke()
    {
        var (created, inbox, _) = Run("inbox", "create", "Alice@Example.test", "--sends-per-day", "5", "--data-dir", _directory.FullName, "--fsync", "false");
        var (duplicate, _, duplicateError) = Run("inbox", "create", "alice@example.test", "--data-dir", _directory.FullName);
        var (tokenCreated, token, _) = Run("token", "create", "--inbox", "alice@example.test", "--data-dir", _directory.FullName);
        var tokenId = token.Split('\n')[1]["id: ".Length..].Trim();
        var (_, listed, _) = Run("token", "list", "--inbox", "alice@example.test", "--json", "--data-dir", _directory.FullName);
        var (revoked, _, _) = Run("token", "revoke", tokenId, "--data-dir", _directory.FullName);
        var (_, afterRevoke, _) = Run("token", "list", "--inbox", "alice@example.test", "--data-dir", _directory.FullName);
        var (_, inboxes, _) = Run("inbox", "list", "example.test", "--data-dir", _directory.FullName);

        Assert.Equal((0, 1, 0, 0), (created, duplicate, tokenCreated, revoked));
        Assert.StartsWith("alice@example.test\nid: inb_", inbox, StringComparison.Ordinal);
        Assert.Contains("sends/day 5", inbox, StringComparison.Ordinal);
        Assert.Equal("serverlessmail: the inbox alice@example.test already exists.", duplicateError.Trim());
        Assert.StartsWith("sm_", token, StringComparison.Ordinal);
        Assert.Contains("\"permissions\": [\n      \"read\",\n      \"send\"\n    ]", listed.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('\n')[0], listed, StringComparison.Ordinal);
        Assert.EndsWith("revoked", afterRevoke.Trim(), StringComparison.Ordinal);
        Assert.StartsWith("alice@example.test\tinb_", inboxes, StringComparison.Ordinal);
    }

    [Fact]
    public void AccountLimits_ShowAndChangeTheAccountsOwnQuotas()
    {
        Run("inbox", "create", "alice@example.test", "--data-dir", _directory.FullName, "--fsync", "false");

        var (shown, before, _) = Run("account", "limits", "Example.Test", "--data-dir", _directory.FullName);
        var (changed, after, _) = Run("account", "limits", "example.test", "--sends-per-minute", "none", "--sends-per-day", "250", "--json", "--data-dir", _directory.FullName);
        var (_, reread, _) = Run("account", "limits", "example.test", "--data-dir", _directory.FullName);

        Assert.Equal((0, 0), (shown, changed));
        Assert.Matches(@"^acc_\w+ \(example\.test\): sends/day \S+, sends/minute \S+, stored bytes \S+ \(- = unlimited\)$", before.Trim());
        Assert.Contains("\"sendsPerDay\": 250,\n    \"sendsPerMinute\": null", after, StringComparison.Ordinal);
        Assert.Contains("sends/day 250, sends/minute -", reread, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("token", "create", "--inbox", "nobody@example.test")]
    [InlineData("token", "create", "--inbox", "alice@example.test", "--permissions", "read,fly")]
    [InlineData("token", "revoke", "tok_nonexistent")]
    [InlineData("inbox", "create", "not-an-address")]
    [InlineData("inbox", "limits", "alice@example.test", "--sends-per-day", "-3")]
    [InlineData("account", "limits", "nowhere.test")]
    [InlineData("account", "limits", "example.test", "--sends-per-minute", "lots")]
    public void BadOperatorInput_ExitsOneWithOneReadableLine(params string[] arguments)
    {
        Run("inbox", "create", "alice@example.test", "--data-dir", _directory.FullName, "--fsync", "false");

        var (exitCode, _, error) = Run([.. arguments, "--data-dir", _directory.FullName]);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("serverlessmail: ", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void TheOperatorCommands_ReadTheConfigFileServeReads()
    {
        var config = Path.Combine(_directory.FullName, "serve.json");
        var data = Path.Combine(_directory.FullName, "from-config");
        File.WriteAllText(config, $$"""{"data": "{{data.Replace("\\", "\\\\", StringComparison.Ordinal)}}", "fsync": false}""");

        var (created, _, _) = Run("inbox", "create", "config@example.test", "--config", config);
        var (listed, inboxes, _) = Run("inbox", "list", "example.test", "--data", data);

        Assert.Equal((0, 0), (created, listed));
        Assert.StartsWith("config@example.test\t", inboxes, StringComparison.Ordinal);
    }

    [Fact]
    public void ABadApiUrl_ExitsTwo_AndAnUnreachableOne_ExitsThree()
    {
        var (bad, _, badError) = Run("messages", "list", "a@example.test", "--api-url", "ftp://example.test", "--token", "x");
        var (unreachable, _, unreachableError) = Run("inbox", "list", "example.test", "--api-url", "http://127.0.0.1:9", "--token", "x");

        Assert.Equal((2, 3), (bad, unreachable));
        Assert.Equal("serverlessmail: --api-url: 'ftp://example.test' is not valid; expected an http:// or https:// URL.", badError.Trim());
        Assert.StartsWith("serverlessmail: cannot reach the API at http://127.0.0.1:9/: ", unreachableError, StringComparison.Ordinal);
    }

    [Fact]
    public void TheApiUrl_WithoutATokenOrATokenFile_IsAReadableError()
    {
        var (exitCode, _, error) = Run("token", "list", "--inbox", "a@example.test", "--api-url", "http://127.0.0.1:9", "--data", _directory.FullName);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("serverlessmail: --api-url needs a token: give --token or SERVERLESSMAIL_TOKEN", error, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private static (int ExitCode, string Output, string Error) Run(params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = Program.Run(arguments, output, error);
        return (exitCode, output.ToString().ReplaceLineEndings("\n"), error.ToString());
    }
}
