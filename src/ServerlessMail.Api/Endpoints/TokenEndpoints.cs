using Microsoft.AspNetCore.Http.HttpResults;
using ServerlessMail.Api.Contracts;
using ServerlessMail.Api.Http;
using ServerlessMail.Api.Messages;
using ServerlessMail.Core;

namespace ServerlessMail.Api.Endpoints;

/// <summary>
/// <c>/v1/tokens</c>: mint (the secret is shown once, in the 201), list (prefix and last four only) and revoke. A
/// token never mints one with more rights or a wider scope than its own (Core's <see cref="Principal.MayGrant"/>).
/// </summary>
internal static class TokenEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/tokens").WithTags("Tokens").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateAsync).WithName("CreateToken").ProducesProblem(StatusCodes.Status409Conflict)
            .WithDescription("Mints a token; the secret is in this 201 only. With an Idempotency-Key a retry never mints a second token: it gets 409 token-already-created, naming the token created by the first attempt, whose secret is not shown again.");
        group.MapGet("/", ListAsync).WithName("ListTokens");
        group.MapDelete("/{tokenId}", RevokeAsync).WithName("RevokeToken");
    }

    private static async Task<Created<CreatedTokenBody>> CreateAsync(CreateTokenRequest body, HttpContext context, Scope scope, ApiServices services, CancellationToken cancellationToken)
    {
        var principal = context.Caller();
        principal.Require(TokenPermissions.Manage);
        if (!PermissionNames.TryParse(body.Permissions, out var permissions))
        {
            throw ApiProblem.BadRequest("permissions must list at least one of read, send, delete, manage, admin.");
        }

        string? inboxId = body.Scope switch
        {
            "account" when body.InboxId is null => null,
            "inbox" when body.InboxId is not null => (await scope.InboxAsync(principal, body.InboxId, cancellationToken).ConfigureAwait(false)).Id,
            _ => throw ApiProblem.BadRequest("scope must be 'account' (without inboxId) or 'inbox' (with inboxId)."),
        };
        if (string.IsNullOrWhiteSpace(body.Name))
        {
            throw ApiProblem.BadRequest("name is required.");
        }

        var name = body.Name.Trim();
        if (IdempotentCreate.KeyOf(context) is { } key)
        {
            var (existing, once) = await services.Tokens.CreateOnceAsync(principal, name, inboxId, permissions, body.ExpiresAt, key, cancellationToken).ConfigureAwait(false);
            if (once is null)
            {
                throw Replayed(existing, name, inboxId, permissions, body.ExpiresAt);
            }

            return TypedResults.Created($"{ApiApp.BasePath}/tokens/{existing.Id}", new CreatedTokenBody(TokenBody.Of(existing), once));
        }

        var (token, secret) = await services.Tokens.CreateAsync(principal, principal.AccountId, name, inboxId, permissions, body.ExpiresAt, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"{ApiApp.BasePath}/tokens/{token.Id}", new CreatedTokenBody(TokenBody.Of(token), secret));
    }

    /// <summary>Newest first; the cursor is the last token id of the page (ids sort by creation time).</summary>
    private static async Task<Ok<ListBody<TokenBody>>> ListAsync(int? limit, string? cursor, HttpContext context, ApiServices services, CancellationToken cancellationToken)
    {
        var principal = context.Caller();
        principal.Require(TokenPermissions.Manage);
        var page = Paging.Read(limit, cursor);
        if (page.Cursor is not null && !Ids.IsWellFormed(page.Cursor, Ids.Token))
        {
            throw MailStoreException.InvalidCursor();
        }

        var all = await services.Store.ListTokensAsync(principal.AccountId, cancellationToken).ConfigureAwait(false);
        var visible = all
            .Where(t => principal.InboxId is null || t.InboxId == principal.InboxId)
            .OrderByDescending(t => t.Id, StringComparer.Ordinal)
            .Where(t => page.Cursor is null || string.CompareOrdinal(t.Id, page.Cursor) < 0)
            .Take(page.EffectiveLimit + 1)
            .ToList();
        var more = visible.Count > page.EffectiveLimit;
        var items = visible.Take(page.EffectiveLimit).Select(TokenBody.Of).ToList();
        return TypedResults.Ok(new ListBody<TokenBody>(items, more ? items[^1].Id : null));
    }

    private static async Task<NoContent> RevokeAsync(string tokenId, HttpContext context, ApiServices services, CancellationToken cancellationToken)
    {
        var principal = context.Caller();
        if (!Ids.IsWellFormed(tokenId, Ids.Token))
        {
            throw ApiProblem.NotFound("The token");
        }

        await services.Tokens.RevokeAsync(principal, tokenId, cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// A retry of a create whose token exists: its secret was shown once, in the first answer, and is not kept, so a
    /// retry never gets it (nor a second token). 409 <c>token-already-created</c> names the token, which the caller
    /// revokes and creates again if the first answer was lost; a different request under the key is the usual 409.
    /// </summary>
    private static ApiProblem Replayed(ApiToken token, string name, string? inboxId, TokenPermissions permissions, DateTimeOffset? expiresAt)
    {
        var same = token.Name == name && token.InboxId == inboxId && token.Permissions == permissions && token.ExpiresAt?.ToUnixTimeSeconds() == expiresAt?.ToUnixTimeSeconds();
        return same
            ? ApiProblem.Conflict("token-already-created", $"The token {token.Id} was already created with this Idempotency-Key; its secret was shown only in that first response. If it was lost, revoke {token.Id} and create a new token.")
            : IdempotentCreate.Reused();
    }
}
