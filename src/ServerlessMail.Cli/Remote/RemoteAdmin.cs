using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessMail.Core;

namespace ServerlessMail.Cli.Remote;

/// <summary><c>inbox create|list|delete</c> and <c>token create|list|revoke</c> over the REST API.</summary>
internal static class RemoteAdmin
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> CreateInboxAsync(RemoteApi api, string address, string? displayName, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        using (api)
        {
            var normalized = RecipientResolver.Normalize(address) ?? throw new CliException($"'{address}' is not an address (local@domain).");
            var body = new JsonObject { ["localPart"] = normalized.Local, ["domain"] = normalized.Domain, ["displayName"] = displayName };
            var inbox = await api.PostAsync("/v1/inboxes", body, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(json
                ? JsonSerializer.Serialize(inbox, Indented)
                : $"{inbox.GetProperty("address").GetString()}\nid: {RemoteMessages.Id(inbox)}").ConfigureAwait(false);
            return ExitCodes.Success;
        }
    }

    public static async Task<int> ListInboxesAsync(RemoteApi api, string domain, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        using (api)
        {
            var name = RecipientResolver.Normalize("x@" + domain)?.Domain ?? throw new CliException("not a domain name.");
            var inboxes = (await api.ListAsync("/v1/inboxes", int.MaxValue, null, cancellationToken).ConfigureAwait(false))
                .Where(i => string.Equals(i.GetProperty("domain").GetString(), name, StringComparison.OrdinalIgnoreCase))
                .ToList();
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(inboxes, Indented)).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            foreach (var inbox in inboxes)
            {
                await output.WriteLineAsync($"{inbox.GetProperty("address").GetString()}\t{RemoteMessages.Id(inbox)}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }
    }

    public static async Task<int> DeleteInboxAsync(RemoteApi api, string address, bool purge, TextWriter output, CancellationToken cancellationToken)
    {
        using (api)
        {
            var inbox = await api.FindInboxAsync(address, cancellationToken).ConfigureAwait(false);
            await api.DeleteAsync($"/v1/inboxes/{RemoteMessages.Id(inbox)}" + (purge ? "?purge=true" : string.Empty), cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"deleted {inbox.GetProperty("address").GetString()}").ConfigureAwait(false);
            return ExitCodes.Success;
        }
    }

    public static async Task<int> CreateTokenAsync(RemoteApi api, string address, IReadOnlyList<string> permissions, string name, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        using (api)
        {
            var inbox = await api.FindInboxAsync(address, cancellationToken).ConfigureAwait(false);
            var body = new JsonObject
            {
                ["name"] = name,
                ["scope"] = "inbox",
                ["inboxId"] = RemoteMessages.Id(inbox),
                ["permissions"] = new JsonArray([.. permissions.Select(p => JsonValue.Create(p))]),
            };
            var created = await api.PostAsync("/v1/tokens", body, cancellationToken).ConfigureAwait(false);
            var token = created.GetProperty("token");
            await output.WriteLineAsync(json
                ? JsonSerializer.Serialize(created, Indented)
                : $"{created.GetProperty("secret").GetString()}\nid: {RemoteMessages.Id(token)}\ninbox: {inbox.GetProperty("address").GetString()}\npermissions: {string.Join(',', token.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()))}").ConfigureAwait(false);
            return ExitCodes.Success;
        }
    }

    public static async Task<int> ListTokensAsync(RemoteApi api, string address, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        using (api)
        {
            var inboxId = RemoteMessages.Id(await api.FindInboxAsync(address, cancellationToken).ConfigureAwait(false));
            var tokens = (await api.ListAsync("/v1/tokens", int.MaxValue, null, cancellationToken).ConfigureAwait(false))
                .Where(t => t.TryGetProperty("inboxId", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() == inboxId)
                .ToList();
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(tokens, Indented)).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            foreach (var token in tokens)
            {
                var state = token.TryGetProperty("revokedAt", out var revoked) && revoked.ValueKind == JsonValueKind.String ? "revoked" : "active";
                var permissions = string.Join(',', token.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
                await output.WriteLineAsync($"{RemoteMessages.Id(token)}\t{token.GetProperty("prefix").GetString()}…{token.GetProperty("lastFour").GetString()}\t{token.GetProperty("name").GetString()}\t{permissions}\t{state}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }
    }

    public static async Task<int> RevokeTokenAsync(RemoteApi api, string tokenId, TextWriter output, CancellationToken cancellationToken)
    {
        using (api)
        {
            await api.DeleteAsync($"/v1/tokens/{Uri.EscapeDataString(tokenId)}", cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"revoked {tokenId}").ConfigureAwait(false);
            return ExitCodes.Success;
        }
    }
}
