namespace ServerlessMail.Cdk;

/// <summary>
/// Where the edge reads its TLS certificate and key: <c>s3://BUCKET/PREFIX</c> (objects <c>PREFIX/fullchain.pem</c>
/// and <c>PREFIX/privkey.pem</c>, SSE-KMS allowed) or <c>file:DIR</c> (the same two files under a directory mounted
/// into the task). The edge reloads them when they change.
/// </summary>
public sealed record CertificateSource(string CertificateLocation, string KeyLocation, string? Bucket, string? KeyPrefix)
{
    public const string CertificateFile = "fullchain.pem";
    public const string KeyFile = "privkey.pem";

    public static CertificateSource Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith("s3://", StringComparison.Ordinal))
        {
            var rest = text["s3://".Length..].TrimEnd('/');
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var bucket = slash < 0 ? rest : rest[..slash];
            var prefix = slash < 0 ? "" : rest[(slash + 1)..] + "/";
            if (bucket.Length is < 3 or > 63)
            {
                throw new ArgumentException($"{DeploySettings.CertificateSourceKey}: '{text}' has no bucket name (s3://BUCKET/PREFIX).");
            }

            return new($"s3://{bucket}/{prefix}{CertificateFile}", $"s3://{bucket}/{prefix}{KeyFile}", bucket, prefix);
        }

        if (text.StartsWith("file:", StringComparison.Ordinal) && text.Length > "file:/".Length && text["file:".Length] == '/')
        {
            var dir = text["file:".Length..].TrimEnd('/');
            return new($"{dir}/{CertificateFile}", $"{dir}/{KeyFile}", null, null);
        }

        throw new ArgumentException($"{DeploySettings.CertificateSourceKey}: '{text}' is neither s3://BUCKET/PREFIX nor file:/ABSOLUTE/DIR.");
    }
}
