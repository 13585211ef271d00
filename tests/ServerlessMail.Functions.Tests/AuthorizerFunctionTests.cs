using System.Text.Json.Nodes;
using ServerlessMail.Core;
using ServerlessMail.Relay.Tests;
using ServerlessMail.Storage.Tests.Aws;

namespace ServerlessMail.Functions.Tests;

[Collection(ServerlessStandIns.Name)]
public sealed class AuthorizerFunctionTests(AwsStandIns aws, SesLocal ses) : ServerlessTest(aws, ses)
{
    [Fact]
    public async Task AValidTokenIsAllowedWithItsPrincipalInTheContext()
    {
        var (token, secret) = await World.Host.Tokens.CreateAsync(null, World.Account.Id, "api", World.Inbox.Id, TokenPermissions.Read | TokenPermissions.Send, null);

        var response = await AuthorizeAsync(Request(bearer: secret, inboxId: World.Inbox.Id));

        Assert.True(response["isAuthorized"]!.GetValue<bool>());
        var context = response["context"]!;
        Assert.Equal(
            (World.Account.Id, token.Id, "inbox", World.Inbox.Id, "read,send"),
            (Text(context, "accountId"), Text(context, "tokenId"), Text(context, "scope"), Text(context, "inboxId"), Text(context, "permissions")));
    }

    [Fact]
    public async Task TheXApiKeyHeaderWorksToo()
    {
        var (_, secret) = await World.Host.Tokens.CreateAsync(null, World.Account.Id, "api", null, TokenPermissions.Admin, null);

        var response = await AuthorizeAsync(Request(apiKey: secret, accountId: World.Account.Id));

        Assert.True(response["isAuthorized"]!.GetValue<bool>());
        Assert.Equal(("account", string.Empty, "admin"), (Text(response["context"]!, "scope"), Text(response["context"]!, "inboxId"), Text(response["context"]!, "permissions")));
    }

    [Fact]
    public async Task ARevokedTokenIsDenied()
    {
        var (token, secret) = await World.Host.Tokens.CreateAsync(null, World.Account.Id, "api", null, TokenPermissions.Read, null);
        await World.Host.Store.RevokeTokenAsync(token.Id, World.Clock.GetUtcNow());

        await AssertDeniedAsync(Request(bearer: secret));
    }

    [Fact]
    public async Task AnExpiredTokenIsDenied()
    {
        var (_, secret) = await World.Host.Tokens.CreateAsync(null, World.Account.Id, "api", null, TokenPermissions.Read, World.Clock.GetUtcNow().AddMinutes(5));
        Assert.True((await AuthorizeAsync(Request(bearer: secret)))["isAuthorized"]!.GetValue<bool>());

        World.Clock.Advance(TimeSpan.FromMinutes(5));

        await AssertDeniedAsync(Request(bearer: secret));
    }

    [Fact]
    public async Task MissingMalformedAndUnknownTokensAreDenied()
    {
        var (_, secret) = await World.Host.Tokens.CreateAsync(null, World.Account.Id, "api", null, TokenPermissions.Read, null);

        await AssertDeniedAsync(Request());
        await AssertDeniedAsync(Request(bearer: "sm_not-a-token"));
        await AssertDeniedAsync(Request(bearer: secret[..^1] + (secret[^1] == 'a' ? 'b' : 'a')));
        await AssertDeniedAsync(Request(bearer: TokenFormat.Generate()));
        var basic = Request();
        basic["headers"]!["authorization"] = "Basic " + secret;
        await AssertDeniedAsync(basic);
    }

    [Fact]
    public async Task ATokenOfAnotherAccountIsDeniedOnARouteNamingThisOne()
    {
        var other = new Account(Ids.New(Ids.Account, World.Clock), "Other", QuotaLimits.AccountDefault, World.Clock.GetUtcNow());
        await World.Host.Store.CreateAccountAsync(other);
        var (_, secret) = await World.Host.Tokens.CreateAsync(null, other.Id, "theirs", null, TokenPermissions.Admin, null);

        await AssertDeniedAsync(Request(bearer: secret, accountId: World.Account.Id));
        await AssertDeniedAsync(Request(bearer: secret, inboxId: World.Inbox.Id));
        Assert.True((await AuthorizeAsync(Request(bearer: secret, accountId: other.Id)))["isAuthorized"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AnInboxScopedTokenIsDeniedOnAnotherInbox()
    {
        var bob = await World.AddInboxAsync("bob");
        var (_, secret) = await World.Host.Tokens.CreateAsync(null, World.Account.Id, "alice only", World.Inbox.Id, TokenPermissions.Read, null);

        await AssertDeniedAsync(Request(bearer: secret, inboxId: bob.Id));
        await AssertDeniedAsync(Request(bearer: secret, inboxId: "inb_missing"));
    }

    private static JsonNode Request(string? bearer = null, string? apiKey = null, string? accountId = null, string? inboxId = null)
    {
        var node = ServerlessWorld.Event("authorizer-request.json");
        var headers = node["headers"]!.AsObject();
        headers.Remove("authorization");
        if (bearer is not null)
        {
            headers["authorization"] = "Bearer " + bearer;
        }

        if (apiKey is not null)
        {
            headers["x-api-key"] = apiKey;
        }

        var path = new JsonObject();
        if (accountId is not null)
        {
            path["accountId"] = accountId;
        }

        if (inboxId is not null)
        {
            path["inboxId"] = inboxId;
        }

        node["pathParameters"] = path;
        return node;
    }

    private async Task<JsonNode> AuthorizeAsync(JsonNode request) =>
        await ServerlessWorld.ReadAsync(await World.Authorizer().HandleAsync(ServerlessWorld.Json(request)));

    private async Task AssertDeniedAsync(JsonNode request)
    {
        var response = await AuthorizeAsync(request);
        Assert.False(response["isAuthorized"]!.GetValue<bool>());
        Assert.Null(response["context"]);
    }

    private static string? Text(JsonNode context, string name) => context[name]?.GetValue<string>();
}
