using System.Globalization;
using System.Text;
using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.Runtime.Signing;

namespace ServerlessMail.Relay.Ses;

/// <summary>
/// A small client for one SES v2 operation, <c>SendEmail</c> with Raw content. The body is hashed in a first pass and
/// sent in a second, and the request is signed with AWSSDK.Core's public SigV4 signer (<see cref="AWSSigV4Signer"/>),
/// which signs the precomputed <c>x-amz-content-sha256</c> without reading the body itself.
/// </summary>
public sealed class SesV2Client
{
    /// <summary>The SigV4 signing name of SES (v1 and v2 alike).</summary>
    public const string SigningService = "ses";

    private const string SendEmailPath = "v2/email/outbound-emails";

    private readonly HttpClient _http;
    private readonly SesOptions _options;
    private readonly RegionEndpoint _region;
    private readonly Uri _sendEmailUri;
    private AWSCredentials? _credentials;

    public SesV2Client(HttpClient http, SesOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.Region);
        _http = http;
        _options = options;
        _region = RegionEndpoint.GetBySystemName(options.Region);
        var endpoint = options.ResolvedEndpoint;
        _sendEmailUri = new Uri(endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/"), SendEmailPath);
        _credentials = options.Credentials;
    }

    public async Task<SesSendResult> SendRawEmailAsync(SesRawEmail email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        var body = new SesRequestBody(email, _options.ConfigurationSetName);
        string payloadHash;
        long length;
        using (var hasher = new HashingStream())
        {
            await body.WriteToAsync(hasher, cancellationToken).ConfigureAwait(false);
            (payloadHash, length) = (hasher.HexDigest(), hasher.Length);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, _sendEmailUri) { Content = new SesRequestContent(body, length) };
        await SignAsync(request, payloadHash, cancellationToken).ConfigureAwait(false);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var text = await ReadBoundedAsync(response.Content, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        var retryAfter = response.Headers.RetryAfter?.Delta
            ?? (response.Headers.RetryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        if (response.IsSuccessStatusCode)
        {
            var parsed = TryParse(text, SesJsonContext.Default.SesSendEmailResponse);
            return parsed?.MessageId is { Length: > 0 } id
                ? new SesSendResult(status, id, null, null, null)
                : new SesSendResult(status, null, "InvalidResponse", "SES answered without a MessageId: " + Cut(text), null);
        }

        var error = TryParse(text, SesJsonContext.Default.SesErrorBody);
        var type = ErrorType(response) ?? error?.Type;
        var message = error is null ? Cut(text) : string.Join(": ", new[] { error.Message, error.Detail }.Where(s => !string.IsNullOrEmpty(s)));
        return new SesSendResult(status, null, type, message, retryAfter);
    }

    private async Task SignAsync(HttpRequestMessage request, string payloadHash, CancellationToken cancellationToken)
    {
        var signing = new AWSSigningRequest { HttpMethod = request.Method, RequestUri = request.RequestUri };
        signing.Headers["content-type"] = "application/json";
        signing.Headers["x-amz-content-sha256"] = payloadHash;
        var parameters = new AWSSigV4Parameters
        {
            Credentials = await CredentialsAsync().ConfigureAwait(false),
            Region = _region,
            Service = SigningService,
        };
        var signed = await AWSSigV4Signer.SignAsync(signing, parameters, cancellationToken).ConfigureAwait(false);
        foreach (var (name, value) in signed.Headers)
        {
            // Authorization, X-Amz-Date, X-Amz-Content-SHA256 and, for session credentials, X-Amz-Security-Token:
            // all are covered by the signature and must all be sent.
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content!.Headers.TryAddWithoutValidation(name, value);
            }
        }
    }

    /// <summary>
    /// Resolved once and kept: the SDK's credential objects refresh themselves (role and SSO credentials expire). Two
    /// first calls racing resolve twice, which is harmless; a failed resolution is tried again on the next send.
    /// </summary>
    private async Task<AWSCredentials> CredentialsAsync() =>
        _credentials ??= await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync(null!).ConfigureAwait(false);

    /// <summary>The <c>x-amzn-ErrorType</c> header, without the <c>:http://…</c> namespace SES may append.</summary>
    private static string? ErrorType(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("x-amzn-ErrorType", out var values))
        {
            return null;
        }

        var value = values.FirstOrDefault();
        var colon = value?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon > 0 ? value![..colon] : value;
    }

    private async Task<string> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[_options.MaxResponseBytes];
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            return Encoding.UTF8.GetString(buffer, 0, read);
        }
    }

    private static T? TryParse<T>(string text, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return text.Length == 0 ? null : JsonSerializer.Deserialize(text, type);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Cut(string text) =>
        text.Length <= 500 ? text : string.Create(CultureInfo.InvariantCulture, $"{text[..500]}… ({text.Length} characters)");
}
