using ServerlessMail.Core;

namespace ServerlessMail.Hosting;

/// <summary>
/// What the first start made, or what a later one found: the default account and domain, and the admin token file.
/// <see cref="NewAdminToken"/> is set only on the start that created the token, so it is shown exactly once.
/// </summary>
public sealed record FirstStartResult(string AccountId, string Domain, string AdminTokenPath, string? NewAdminToken);

/// <summary>
/// The first start on an empty store: the default account with the default domain, and an account-scoped admin token
/// (every permission) written to <c>DATA_DIR/admin.token</c>, readable by its owner only. A later start finds the
/// domain and changes nothing. A new <c>--domain</c> on a store that already has an admin token joins that token's
/// account, so one token keeps reaching everything.
/// </summary>
internal static class FirstStart
{
    public const string AdminTokenFile = "admin.token";

    public static async Task<FirstStartResult> EnsureAsync(ServerOptions options, IMailStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var domain = options.DefaultDomain;
        var tokenPath = Path.GetFullPath(Path.Combine(options.Store.DataDirectory, AdminTokenFile));
        if (await store.GetDomainAsync(domain, cancellationToken).ConfigureAwait(false) is { } hosted)
        {
            return new FirstStartResult(hosted.AccountId, domain, tokenPath, null);
        }

        var tokens = new TokenService(store, clock);
        if (await ExistingAdminAsync(tokenPath, tokens, cancellationToken).ConfigureAwait(false) is { } admin)
        {
            await store.AddDomainAsync(new MailDomain(domain, admin.AccountId, IsDefault: false, CatchAllInboxId: null, clock.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            return new FirstStartResult(admin.AccountId, domain, tokenPath, null);
        }

        var (account, secret) = await new AccountService(store, tokens, clock).CreateAsync("default", domain, cancellationToken).ConfigureAwait(false);
        WriteOwnerOnly(tokenPath, secret);
        return new FirstStartResult(account.Id, domain, tokenPath, secret);
    }

    /// <summary>The principal of the token in the file, when there is one and it still works.</summary>
    private static async Task<Principal?> ExistingAdminAsync(string path, TokenService tokens, CancellationToken cancellationToken)
    {
        if (!File.Exists(path) || new FileInfo(path).Length > 1024)
        {
            return null;
        }

        var check = await tokens.CheckAsync((await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)).Trim(), cancellationToken).ConfigureAwait(false);
        return check.IsValid && check.Principal is { IsAccountScoped: true } principal ? principal : null;
    }

    /// <summary>
    /// Written to a temp file created with mode 0600 (never a moment world-readable), flushed, then renamed over the
    /// target, so a crash leaves either no token file or a whole one.
    /// </summary>
    private static void WriteOwnerOnly(string path, string secret)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Environment.ProcessId + ".tmp";
        var mode = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            mode.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var file = new FileStream(temp, mode))
            {
                file.Write(System.Text.Encoding.ASCII.GetBytes(secret + "\n"));
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw new ServerStartException($"could not write the admin token to {path}: {exception.Message}", exception);
        }
    }
}
