using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ServerlessMail.Api.Endpoints;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c> and a small self-contained page at <c>/docs</c> that lists it (no
/// CDN: the page must work on a machine with no internet). The document has no <c>servers</c>, so it is the same on
/// every host and can be checked in (<c>docs/openapi.json</c>).
/// </summary>
internal static class OpenApiEndpoints
{
    public const string DocumentName = "v1";

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "ServerlessMail API";
            document.Info.Version = "v1";
            document.Info.Description = "Inboxes, messages, send/reply/forward, tokens and wait-for. Authenticate with 'Authorization: Bearer <token>' or 'X-API-Key'. Errors are RFC 7807 problem JSON. Requests are rate-limited per token (429 'rate-limited'), and failed authentications per client address: past the budget every request from the address gets 429 'auth-rate-limited' with Retry-After, before its token is checked. " +
                "Idempotency: every POST that creates or sends takes an 'Idempotency-Key' header (at most 200 characters), scoped to the account. A retry with the same key and the same request returns the resource the first attempt made (header 'Idempotent-Replayed: true'), in any process and after a restart; the same key with a different request gets 409 'idempotency-key-reused'. A token's secret is shown once: a retried token create never mints a second token and never repeats the secret, it gets 409 'token-already-created' naming the token (revoke it and create another if the first response was lost).";
            document.Servers?.Clear();
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "An API token (sm_…)." };
            document.Components.SecuritySchemes["apiKey"] = new OpenApiSecurityScheme { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-API-Key", Description = "The same token, in a header." };
            return Task.CompletedTask;
        });
    }

    public static void Map(WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapGet("/docs", () => Results.Content(Page, "text/html; charset=utf-8")).ExcludeFromDescription();
    }

    private const string Page = """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>ServerlessMail API</title>
        <style>
        body{font:14px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#222}
        h2{margin-top:2rem;border-bottom:1px solid #ddd}details{margin:.3rem 0}summary{cursor:pointer}
        code.m{display:inline-block;width:4.5rem;font-weight:bold}.get{color:#2a7}.post{color:#27a}.patch{color:#a72}.delete{color:#c33}
        pre{background:#f6f6f6;padding:.5rem;overflow:auto}
        </style></head>
        <body><h1 id="title">ServerlessMail API</h1><p id="description"></p>
        <p>The raw document: <a href="/openapi/v1.json">/openapi/v1.json</a></p><div id="paths">Loading…</div>
        <script>
        const text = s => document.createTextNode(s);
        fetch('/openapi/v1.json').then(r => r.json()).then(doc => {
          document.getElementById('title').textContent = doc.info.title;
          document.getElementById('description').textContent = doc.info.description || '';
          const root = document.getElementById('paths'); root.textContent = '';
          const byTag = {};
          for (const [path, item] of Object.entries(doc.paths))
            for (const [method, op] of Object.entries(item))
              if (op && op.responses) (byTag[(op.tags || ['Other'])[0]] ??= []).push([method, path, op]);
          for (const [tag, ops] of Object.entries(byTag)) {
            const h = document.createElement('h2'); h.appendChild(text(tag)); root.appendChild(h);
            for (const [method, path, op] of ops) {
              const d = document.createElement('details'), s = document.createElement('summary');
              const m = document.createElement('code'); m.className = 'm ' + method; m.appendChild(text(method.toUpperCase()));
              s.appendChild(m); s.appendChild(text(' ' + path + (op.operationId ? '  (' + op.operationId + ')' : '')));
              const pre = document.createElement('pre');
              pre.appendChild(text(JSON.stringify({parameters: op.parameters, requestBody: op.requestBody, responses: op.responses}, null, 2)));
              d.appendChild(s); d.appendChild(pre); root.appendChild(d);
            }
          }
        }).catch(e => { document.getElementById('paths').textContent = 'Could not load the document: ' + e; });
        </script></body></html>
        """;
}
