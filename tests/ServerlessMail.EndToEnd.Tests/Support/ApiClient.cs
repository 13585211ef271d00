using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ServerlessMail.EndToEnd.Tests;

/// <summary>The running server's REST API over HTTP, with a bearer token; every call returns the parsed JSON.</summary>
internal sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;

    public ApiClient(ServeProcess server, string token)
    {
        _http = new HttpClient { BaseAddress = server.ApiUrl, Timeout = TimeSpan.FromSeconds(90) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public Task<JsonElement> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null, HttpStatusCode.OK);

    public Task<JsonElement> PostAsync(string path, object body, HttpStatusCode expected) => SendAsync(HttpMethod.Post, path, body, expected);

    /// <summary>Wait-for on an inbox's INBOX: the first message received after <paramref name="after"/>.</summary>
    public Task<JsonElement> WaitAsync(string inboxId, DateTimeOffset after) =>
        GetAsync(string.Create(CultureInfo.InvariantCulture, $"/v1/inboxes/{inboxId}/messages/wait?timeout=60&after={Uri.EscapeDataString(after.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture))}"));

    public void Dispose() => _http.Dispose();

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
