using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServerlessMail.Cli.Remote;

/// <summary>
/// The running server's REST API for the operator commands, with a bearer token. Answers are read as JSON
/// documents; an error answer becomes one readable line from its problem JSON's detail or title.
/// </summary>
internal sealed class RemoteApi : IDisposable
{
    /// <summary>The API's page size limit (PageRequest.MaxLimit), so listings take the fewest round trips.</summary>
    public const int MaxPage = 500;

    private readonly HttpClient _http;

    public RemoteApi(Uri baseUrl, string token)
    {
        _http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(100) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public Task<JsonElement> PostAsync(string path, JsonObject body, CancellationToken cancellationToken) => SendAsync(HttpMethod.Post, path, body, cancellationToken);

    public Task<JsonElement> DeleteAsync(string path, CancellationToken cancellationToken) => SendAsync(HttpMethod.Delete, path, null, cancellationToken);

    /// <summary>Every item of a paged listing (<c>items</c>, <c>nextCursor</c>), up to <paramref name="most"/>.</summary>
    public async Task<List<JsonElement>> ListAsync(string path, int most, TextWriter? progress, CancellationToken cancellationToken)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        while (true)
        {
            var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            var page = string.Create(CultureInfo.InvariantCulture, $"{path}{separator}limit={Math.Min(most - items.Count, MaxPage)}") +
                (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor));
            var body = await GetAsync(page, cancellationToken).ConfigureAwait(false);
            items.AddRange(body.GetProperty("items").EnumerateArray().Take(most - items.Count));
            cursor = body.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            if (cursor is null || items.Count >= most)
            {
                return items;
            }

            if (progress is not null)
            {
                await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"listed {items.Count} of up to {most}…")).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The inbox with this address among those the token sees, or a readable error.</summary>
    public async Task<JsonElement> FindInboxAsync(string address, CancellationToken cancellationToken)
    {
        var wanted = address.Trim();
        foreach (var inbox in await ListAsync("/v1/inboxes", int.MaxValue, null, cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(inbox.GetProperty("address").GetString(), wanted, StringComparison.OrdinalIgnoreCase))
            {
                return inbox;
            }
        }

        throw new CliException($"no inbox {address} that this token can see.");
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            throw new CliException($"cannot reach the API at {_http.BaseAddress}: {exception.Message}", ExitCodes.StartFailed);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new CliException($"the API answered {(int)response.StatusCode}: {Problem(text, response.StatusCode)}");
            }

            if (text.Length == 0)
            {
                return default;
            }

            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
    }

    private static string Problem(string text, HttpStatusCode status)
    {
        try
        {
            using var problem = JsonDocument.Parse(text);
            var root = problem.RootElement;
            return root.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String ? detail.GetString()!
                : root.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String ? title.GetString()!
                : status.ToString();
        }
        catch (JsonException)
        {
            return status.ToString();
        }
    }
}
