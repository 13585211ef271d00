using System.Globalization;
using System.Text;
using ServerlessMail.Api.Contracts;
using ServerlessMail.Api.Http;
using ServerlessMail.Api.Messages;
using ServerlessMail.Core;

namespace ServerlessMail.Api.Endpoints;

/// <summary>
/// <c>GET /v1/inboxes/{inboxId}/access</c>: how a mail client reaches this inbox over SMTP submission and IMAP. The
/// password is the caller's API token, which is never echoed back. <c>Accept: text/plain</c> gives a .env snippet.
/// </summary>
internal static class AccessEndpoints
{
    public const string PasswordHint = "<your API token>";

    public static void Map(RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/inboxes/{inboxId}/access").WithTags("Access").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", GetAsync).WithName("GetAccessDetails").Produces<AccessBody>().Produces(StatusCodes.Status200OK, contentType: "text/plain");
    }

    public static AccessBody For(string address, ApiOptions options) => new(
        address,
        address,
        PasswordHint,
        new ServerBody(options.PublicHostName, options.SubmissionPort, "STARTTLS"),
        new ServerBody(options.PublicHostName, options.SubmissionsPort, "TLS"),
        new ServerBody(options.PublicHostName, options.ImapPort, "STARTTLS"),
        new ServerBody(options.PublicHostName, options.ImapsPort, "TLS"));

    private static async Task<IResult> GetAsync(string inboxId, HttpContext context, Scope scope, ApiOptions options, CancellationToken cancellationToken)
    {
        var principal = context.Caller();
        var inbox = await scope.InboxAsync(principal, inboxId, cancellationToken).ConfigureAwait(false);
        principal.Require(TokenPermissions.Read);
        var access = For(inbox.Address, options);
        var accept = context.Request.Headers.Accept.ToString();
        if (accept.Contains("text/plain", StringComparison.OrdinalIgnoreCase) && !accept.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Text(DotEnv(access), "text/plain; charset=utf-8");
        }

        return TypedResults.Ok(access);
    }

    private static string DotEnv(AccessBody access)
    {
        var text = new StringBuilder();
        void Line(string name, object value) => text.Append(CultureInfo.InvariantCulture, $"{name}={value}\n");
        Line("SMTP_HOST", access.Smtp.Host);
        Line("SMTP_PORT", access.Smtp.Port);
        Line("SMTP_SECURITY", access.Smtp.Security);
        Line("SMTP_USERNAME", access.Username);
        Line("SMTP_PASSWORD", access.Password);
        Line("IMAP_HOST", access.Imaps.Host);
        Line("IMAP_PORT", access.Imaps.Port);
        Line("IMAP_SECURITY", access.Imaps.Security);
        Line("IMAP_USERNAME", access.Username);
        Line("IMAP_PASSWORD", access.Password);
        return text.ToString();
    }
}
