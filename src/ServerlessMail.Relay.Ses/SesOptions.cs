using Amazon.Runtime;

namespace ServerlessMail.Relay.Ses;

/// <summary>Settings of the SES relay, every default in one place.</summary>
public sealed class SesOptions
{
    /// <summary>The SES region, such as <c>eu-west-1</c>; it names the endpoint and the signing scope.</summary>
    public required string Region { get; init; }

    /// <summary>The configuration set whose event destinations report deliveries, bounces and complaints.</summary>
    public string? ConfigurationSetName { get; init; }

    /// <summary>Overrides <c>https://email.{region}.amazonaws.com/</c>, for a stand-in such as aws-ses-v2-local.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>
    /// Credentials to sign with. Null resolves them the SDK's way (environment, profile, web identity, container or
    /// instance role) through <see cref="Amazon.Runtime.Credentials.DefaultAWSCredentialsIdentityResolver"/>.
    /// </summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>Recipients SES takes in one SendEmail call (its documented limit); more are sent in several calls.</summary>
    public int MaxRecipientsPerCall { get; init; } = 50;

    /// <summary>The longest error body read from SES; error bodies are a few hundred bytes.</summary>
    public int MaxResponseBytes { get; init; } = 64 * 1024;

    public Uri ResolvedEndpoint => Endpoint ?? new Uri($"https://email.{Region}.amazonaws.com/");
}
