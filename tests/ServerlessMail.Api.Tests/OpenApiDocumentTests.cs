using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServerlessMail.Api.Tests;

/// <summary>
/// The checked-in <c>docs/openapi.json</c> is the served document. After an API change, regenerate it with
/// <c>SERVERLESSMAIL_UPDATE_OPENAPI=1 dotnet test tests/ServerlessMail.Api.Tests</c> and review the diff.
/// </summary>
public sealed class OpenApiDocumentTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task TheCheckedInDocumentMatchesTheServedOne()
    {
        await using var world = await ApiWorld.CreateAsync();
        using var anonymous = world.Client(null);
        var served = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!;
        var text = served.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
        var path = Path.Combine(RepositoryRoot(), "docs", "openapi.json");
        if (Environment.GetEnvironmentVariable("SERVERLESSMAIL_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(path, text);
        }

        Assert.True(File.Exists(path), "docs/openapi.json is missing; run the tests with SERVERLESSMAIL_UPDATE_OPENAPI=1.");
        Assert.True(text == (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n"), "docs/openapi.json is out of date; run the API tests with SERVERLESSMAIL_UPDATE_OPENAPI=1 and commit the result.");
    }

    [Fact]
    public async Task TheDocumentDescribesEveryResourceAndTheUiPageLoadsIt()
    {
        await using var world = await ApiWorld.CreateAsync();
        using var anonymous = world.Client(null);
        var document = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        foreach (var expected in new[]
        {
            "/v1/inboxes", "/v1/inboxes/{inboxId}", "/v1/inboxes/{inboxId}/folders", "/v1/inboxes/{inboxId}/messages",
            "/v1/inboxes/{inboxId}/messages/wait", "/v1/messages/{messageId}", "/v1/messages/{messageId}/raw",
            "/v1/messages/{messageId}/attachments/{attachmentId}", "/v1/inboxes/{inboxId}/threads", "/v1/threads/{threadId}",
            "/v1/inboxes/{inboxId}/send", "/v1/outbound/{outboundId}", "/v1/inboxes/{inboxId}/outbound", "/v1/tokens",
            "/v1/tokens/{tokenId}", "/v1/inboxes/{inboxId}/access", "/.well-known/autoconfig/mail/config-v1.1.xml",
            "/autodiscover/autodiscover.xml", "/healthz", "/readyz",
        })
        {
            Assert.Contains(paths.Select(p => p.TrimEnd('/')), p => p == expected);
        }

        var page = await anonymous.GetAsync("/docs");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("fetch('/openapi/v1.json')", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Directory.Packages.props")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with Directory.Packages.props) was not found above " + AppContext.BaseDirectory);
    }
}
