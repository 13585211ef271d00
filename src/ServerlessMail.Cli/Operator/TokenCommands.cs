using System.CommandLine;
using System.Text.Json;
using ServerlessMail.Cli.Remote;
using ServerlessMail.Cli.Server;
using ServerlessMail.Core;
using ServerlessMail.Hosting;

namespace ServerlessMail.Cli.Operator;

/// <summary><c>serverlessmail token create|list|revoke</c>: API tokens for an inbox, on the store <c>serve</c> uses.</summary>
internal static class TokenCommands
{
    private static readonly (string Name, TokenPermissions Value)[] PermissionNames =
    [
        ("read", TokenPermissions.Read), ("send", TokenPermissions.Send), ("delete", TokenPermissions.Delete),
        ("manage", TokenPermissions.Manage), ("admin", TokenPermissions.Admin), ("all", TokenPermissions.All),
    ];

    public static Command Create()
    {
        var token = new Command("token", "Create, list and revoke API tokens. A token is the SMTP password (the user name is the inbox address).");
        token.Subcommands.Add(CreateCreate());
        token.Subcommands.Add(CreateList());
        token.Subcommands.Add(CreateRevoke());
        return token;
    }

    internal static TokenPermissions ParsePermissions(string text)
    {
        var permissions = TokenPermissions.None;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var found = PermissionNames.FirstOrDefault(p => string.Equals(p.Name, part, StringComparison.OrdinalIgnoreCase));
            permissions |= found.Name is not null
                ? found.Value
                : throw new CliException($"--permissions: '{part}' is not a permission; expected {string.Join(", ", PermissionNames.Select(p => p.Name))}.");
        }

        return permissions == TokenPermissions.None ? throw new CliException("--permissions: name at least one permission.") : permissions;
    }

    private static Command CreateCreate()
    {
        var inbox = new Option<string>("--inbox") { Description = "The inbox the token is for (its scope).", HelpName = "ADDRESS", Required = true };
        var permissions = new Option<string>("--permissions") { Description = "Comma-separated: read, send, delete, manage, admin, all. Default: read,send.", HelpName = "LIST", DefaultValueFactory = _ => "read,send" };
        var name = new Option<string>("--name") { Description = "A label to recognise the token by. Default: cli.", DefaultValueFactory = _ => "cli" };
        var json = InboxCommands.JsonOption();
        var settings = new SettingOptions(ServerSettings.StoreSettings);
        var command = new Command("create", "Create a token for an inbox. The secret is shown once: the first line of the output (or 'token' with --json).")
        {
            inbox, permissions, name, json,
        };
        settings.AddTo(command);
        var api = new ApiTarget();
        api.AddTo(command);
        command.SetAction((result, cancellationToken) => api.Resolve(result, settings.Source(result)) is { } remote
            ? RemoteAdmin.CreateTokenAsync(
                remote, result.GetRequiredValue(inbox), Names(ParsePermissions(result.GetValue(permissions) ?? "read,send")).Split(','), result.GetValue(name) ?? "cli",
                result.GetValue(json), result.InvocationConfiguration.Output, cancellationToken)
            : OperatorSession.RunAsync(
            settings.Source(result),
            async session =>
            {
                var rights = ParsePermissions(result.GetValue(permissions) ?? "read,send");
                var target = await session.InboxAsync(result.GetRequiredValue(inbox), cancellationToken).ConfigureAwait(false);
                var (token, secret) = await session.Tokens.CreateAsync(null, target.AccountId, result.GetValue(name) ?? "cli", target.Id, rights, null, cancellationToken).ConfigureAwait(false);
                var output = result.InvocationConfiguration.Output;
                if (result.GetValue(json))
                {
                    await output.WriteLineAsync(JsonSerializer.Serialize(ToJson(token, secret), OperatorJsonContext.Default.TokenJson)).ConfigureAwait(false);
                }
                else
                {
                    await output.WriteLineAsync(secret).ConfigureAwait(false);
                    await output.WriteLineAsync($"id: {token.Id}").ConfigureAwait(false);
                    await output.WriteLineAsync($"inbox: {target.Address}").ConfigureAwait(false);
                    await output.WriteLineAsync($"permissions: {Names(token.Permissions)}").ConfigureAwait(false);
                }

                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }

    private static Command CreateList()
    {
        var inbox = new Option<string>("--inbox") { Description = "The inbox whose tokens to list.", HelpName = "ADDRESS", Required = true };
        var json = InboxCommands.JsonOption();
        var settings = new SettingOptions(ServerSettings.StoreSettings);
        var command = new Command("list", "List an inbox's tokens (never their secrets).") { inbox, json };
        settings.AddTo(command);
        var api = new ApiTarget();
        api.AddTo(command);
        command.SetAction((result, cancellationToken) => api.Resolve(result, settings.Source(result)) is { } remote
            ? RemoteAdmin.ListTokensAsync(remote, result.GetRequiredValue(inbox), result.GetValue(json), result.InvocationConfiguration.Output, cancellationToken)
            : OperatorSession.RunAsync(
            settings.Source(result),
            async session =>
            {
                var target = await session.InboxAsync(result.GetRequiredValue(inbox), cancellationToken).ConfigureAwait(false);
                var tokens = (await session.Store.ListTokensAsync(target.AccountId, cancellationToken).ConfigureAwait(false))
                    .Where(t => t.InboxId == target.Id)
                    .ToList();
                var output = result.InvocationConfiguration.Output;
                if (result.GetValue(json))
                {
                    IReadOnlyList<TokenJson> list = tokens.Select(t => ToJson(t, null)).ToList();
                    await output.WriteLineAsync(JsonSerializer.Serialize(list, OperatorJsonContext.Default.IReadOnlyListTokenJson)).ConfigureAwait(false);
                }
                else
                {
                    foreach (var token in tokens)
                    {
                        var state = token.IsRevoked ? "revoked" : token.IsExpired(DateTimeOffset.UtcNow) ? "expired" : "active";
                        await output.WriteLineAsync($"{token.Id}\t{Display(token)}\t{token.Name}\t{Names(token.Permissions)}\t{state}").ConfigureAwait(false);
                    }
                }

                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }

    private static Command CreateRevoke()
    {
        var id = new Argument<string>("token-id") { Description = "The token's id (tok_…), as 'token list' shows it." };
        var settings = new SettingOptions(ServerSettings.StoreSettings);
        var command = new Command("revoke", "Revoke a token. It fails at once, on a running server too.") { id };
        settings.AddTo(command);
        var api = new ApiTarget();
        api.AddTo(command);
        command.SetAction((result, cancellationToken) => api.Resolve(result, settings.Source(result)) is { } remote
            ? RemoteAdmin.RevokeTokenAsync(remote, result.GetRequiredValue(id), result.InvocationConfiguration.Output, cancellationToken)
            : OperatorSession.RunAsync(
            settings.Source(result),
            async session =>
            {
                var tokenId = result.GetRequiredValue(id);
                var token = (Ids.IsWellFormed(tokenId, Ids.Token) ? await session.Store.GetTokenAsync(tokenId, cancellationToken).ConfigureAwait(false) : null)
                    ?? throw new CliException($"no token {tokenId}.");
                await session.Tokens.RevokeAsync(OperatorSession.OperatorOf(token.AccountId), token.Id, cancellationToken).ConfigureAwait(false);
                await result.InvocationConfiguration.Output.WriteLineAsync($"revoked {token.Id}").ConfigureAwait(false);
                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }

    private static TokenJson ToJson(ApiToken token, string? secret) => new(
        token.Id, token.Name, token.InboxId, PermissionNames.Where(p => p.Value != TokenPermissions.All && (token.Permissions & p.Value) != 0).Select(p => p.Name).ToList(),
        Display(token), token.CreatedAt, token.ExpiresAt, token.LastUsedAt, token.RevokedAt, secret);

    private static string Names(TokenPermissions permissions) =>
        string.Join(",", PermissionNames.Where(p => p.Value != TokenPermissions.All && (permissions & p.Value) != 0).Select(p => p.Name));

    private static string Display(ApiToken token) => token.DisplayPrefix + "…" + token.LastFour;
}
