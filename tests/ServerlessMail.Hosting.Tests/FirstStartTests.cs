using Microsoft.Extensions.Logging.Abstractions;
using ServerlessMail.Core;

namespace ServerlessMail.Hosting.Tests;

/// <summary>The first start on an empty data directory, and the starts after it, on the real embedded store.</summary>
public sealed class FirstStartTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("sm-first-");

    private string TokenPath => Path.Combine(_directory.FullName, "admin.token");

    [Fact]
    public async Task TheFirstStart_CreatesTheDefaultAccountAndDomain_AndAnOwnerOnlyAdminTokenWithEveryPermission()
    {
        FirstStartResult first;
        string? tryIt;
        var options = Options();
        await using (var server = await MailServer.StartAsync(options, NullLoggerFactory.Instance))
        {
            first = server.FirstStart!;
            tryIt = server.TryIt;
        }

        var secret = File.ReadAllText(TokenPath).Trim();
        Assert.Equal(secret, first.NewAdminToken);
        Assert.Equal(TokenPath, first.AdminTokenPath);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(TokenPath));
        }

        Assert.NotNull(tryIt);
        Assert.Contains(secret, tryIt, StringComparison.Ordinal);
        Assert.Contains($"http://127.0.0.1:{options.ApiPort}/v1/inboxes ", tryIt, StringComparison.Ordinal);
        Assert.Contains($"http://127.0.0.1:{options.ApiPort}/v1/inboxes/$INBOX/messages/wait?", tryIt, StringComparison.Ordinal);
        Assert.Contains("swaks --server 127.0.0.1:", tryIt, StringComparison.Ordinal);
        Assert.Contains("--to agent@first.test", tryIt, StringComparison.Ordinal);
        Assert.Contains($"IMAP: host 127.0.0.1, port {options.ImapPort} (STARTTLS) or {options.ImapsPort} (TLS), user agent@first.test", tryIt, StringComparison.Ordinal);

        await using var opened = await OpenedStore.OpenAsync(new StoreOptions { DataDirectory = _directory.FullName, Fsync = false }, TimeProvider.System);
        var domain = await opened.Store.GetDomainAsync("first.test");
        Assert.NotNull(domain);
        Assert.True(domain.IsDefault);
        Assert.Equal(first.AccountId, domain.AccountId);
        var check = await new TokenService(opened.Store, TimeProvider.System).CheckAsync(secret);
        Assert.True(check.IsValid);
        Assert.Equal((first.AccountId, true, TokenPermissions.All), (check.Principal!.AccountId, check.Principal.IsAccountScoped, check.Principal.Permissions));
    }

    [Fact]
    public async Task ASecondStart_ReusesTheAccountAndToken_AndShowsNoToken()
    {
        FirstStartResult first;
        await using (var server = await MailServer.StartAsync(Options(), NullLoggerFactory.Instance))
        {
            first = server.FirstStart!;
        }

        var written = File.GetLastWriteTimeUtc(TokenPath);
        await using (var again = await MailServer.StartAsync(Options(), NullLoggerFactory.Instance))
        {
            Assert.Null(again.TryIt);
            Assert.Equal(first with { NewAdminToken = null }, again.FirstStart);
        }

        Assert.Equal(first.NewAdminToken, File.ReadAllText(TokenPath).Trim());
        Assert.Equal(written, File.GetLastWriteTimeUtc(TokenPath));
    }

    [Fact]
    public async Task ANewDomainOnALaterStart_JoinsTheAdminTokensAccount()
    {
        FirstStartResult first;
        await using (var server = await MailServer.StartAsync(Options(), NullLoggerFactory.Instance))
        {
            first = server.FirstStart!;
        }

        await using (var later = await MailServer.StartAsync(Options() with { DefaultDomain = "second.test" }, NullLoggerFactory.Instance))
        {
            Assert.Null(later.TryIt);
            Assert.Equal(first.AccountId, later.FirstStart!.AccountId);
        }

        await using var opened = await OpenedStore.OpenAsync(new StoreOptions { DataDirectory = _directory.FullName, Fsync = false }, TimeProvider.System);
        var domains = await opened.Store.ListDomainsAsync(first.AccountId);
        Assert.Equal(["first.test", "second.test"], domains.Select(d => d.Name).Order(StringComparer.Ordinal));
        Assert.Equal("first.test", Assert.Single(domains, d => d.IsDefault).Name);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private ServerOptions Options() => TestServer.Options(_directory) with { DefaultDomain = "first.test" };
}
