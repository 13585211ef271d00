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
        group.MapPost("/", CreateAsync).WithName("CreateToken");
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

        var (token, secret) = await services.Tokens.CreateAsync(principal, principal.AccountId, body.Name.Trim(), inboxId, permissions, body.ExpiresAt, cancellationToken).ConfigureAwait(false);
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
}
