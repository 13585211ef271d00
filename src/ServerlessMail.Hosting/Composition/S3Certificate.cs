using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using ServerlessMail.Net;

namespace ServerlessMail.Hosting;

/// <summary>An object named <c>s3://BUCKET/KEY</c>, as <c>--tls-cert</c> and <c>--tls-key</c> accept.</summary>
public sealed record S3Location(string Bucket, string Key)
{
    public const string Scheme = "s3://";

    public static bool IsS3(string value) => value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    /// <summary>Null unless the value is <c>s3://</c>, a bucket, a slash and a non-empty key.</summary>
    public static S3Location? Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!IsS3(value))
        {
            return null;
        }

        var rest = value[Scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0 || slash == rest.Length - 1 ? null : new S3Location(rest[..slash], rest[(slash + 1)..]);
    }

    public override string ToString() => Scheme + Bucket + "/" + Key;
}

/// <summary>
/// The edge's certificate and key from S3, read with the AWS store's client. Real S3 decrypts an SSE-KMS object on
/// GET when the caller may use the key (<c>kms:Decrypt</c>), so nothing here handles KMS. Every
/// <see cref="ServerOptions.TlsReloadInterval"/> a HEAD of both objects compares their ETags with the loaded ones, and
/// a change is read and swapped into the <see cref="ServerCertificate"/> the listeners hold; a failed check or a pair
/// that does not load keeps the certificate in use and is retried on the next interval.
/// </summary>
internal sealed partial class S3Certificate : IAsyncDisposable
{
    /// <summary>A PEM chain or key is a few KB; anything far larger is not one, and is not read into memory.</summary>
    private const long MaxPemBytes = 1024 * 1024;

    private readonly IAmazonS3 _s3;
    private readonly S3Location _certificate;
    private readonly S3Location _key;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private (string Certificate, string Key) _etags;
    private Task _reloading = Task.CompletedTask;

    private S3Certificate(IAmazonS3 s3, S3Location certificate, S3Location key, ILogger logger)
    {
        _s3 = s3;
        _certificate = certificate;
        _key = key;
        _logger = logger;
    }

    public ServerCertificate Certificate { get; private set; } = null!;

    public static async Task<S3Certificate> LoadAsync(IAmazonS3 s3, S3Location certificate, S3Location key, TimeSpan interval, ILogger logger, CancellationToken cancellationToken)
    {
        var loader = new S3Certificate(s3, certificate, key, logger);
        var (certificatePem, certificateTag) = await loader.ReadAsync(certificate, cancellationToken).ConfigureAwait(false);
        var (keyPem, keyTag) = await loader.ReadAsync(key, cancellationToken).ConfigureAwait(false);
        loader.Certificate = ServerCertificate.FromPem(certificatePem, keyPem);
        loader._etags = (certificateTag, keyTag);
        loader._reloading = loader.ReloadLoopAsync(interval, loader._stopping.Token);
        return loader;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _reloading.ConfigureAwait(false);
        _stopping.Dispose();
        Certificate?.Dispose();
    }

    private async Task ReloadLoopAsync(TimeSpan interval, CancellationToken stopping)
    {
        while (true)
        {
            try
            {
                await Task.Delay(interval, stopping).ConfigureAwait(false);
                await ReloadIfChangedAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is AmazonS3Exception or Amazon.Runtime.AmazonClientException or HttpRequestException or IOException or CryptographicException or InvalidDataException)
            {
                ReloadFailed(_logger, _certificate.ToString(), exception);
            }
        }
    }

    private async Task ReloadIfChangedAsync(CancellationToken cancellationToken)
    {
        var certificateTag = (await _s3.GetObjectMetadataAsync(_certificate.Bucket, _certificate.Key, cancellationToken).ConfigureAwait(false)).ETag;
        var keyTag = (await _s3.GetObjectMetadataAsync(_key.Bucket, _key.Key, cancellationToken).ConfigureAwait(false)).ETag;
        if ((certificateTag, keyTag) == _etags)
        {
            return;
        }

        var (certificatePem, readCertificateTag) = await ReadAsync(_certificate, cancellationToken).ConfigureAwait(false);
        var (keyPem, readKeyTag) = await ReadAsync(_key, cancellationToken).ConfigureAwait(false);
        Certificate.Update(certificatePem, keyPem);
        _etags = (readCertificateTag, readKeyTag);
        Reloaded(_logger, _certificate.ToString());
    }

    private async Task<(string Pem, string ETag)> ReadAsync(S3Location location, CancellationToken cancellationToken)
    {
        using var response = await _s3.GetObjectAsync(location.Bucket, location.Key, cancellationToken).ConfigureAwait(false);
        if (response.ContentLength > MaxPemBytes)
        {
            throw new InvalidDataException($"{location} is {response.ContentLength} bytes; a PEM certificate or key is at most {MaxPemBytes}.");
        }

        using var reader = new StreamReader(response.ResponseStream);
        return (await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false), response.ETag);
    }

    [LoggerMessage(20, LogLevel.Information, "TLS certificate reloaded from {Location}")]
    private static partial void Reloaded(ILogger logger, string location);

    [LoggerMessage(21, LogLevel.Warning, "checking the TLS certificate at {Location} failed; the loaded one stays in use")]
    private static partial void ReloadFailed(ILogger logger, string location, Exception exception);
}
