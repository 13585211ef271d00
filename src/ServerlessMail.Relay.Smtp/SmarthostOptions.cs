using System.Net.Security;

namespace ServerlessMail.Relay.Smtp;

public enum SmarthostSecurity
{
    /// <summary>Plain connect, then STARTTLS, which must be offered (RFC 3207); port 587.</summary>
    StartTls,

    /// <summary>TLS from the first byte (RFC 8314 §3.3); port 465.</summary>
    ImplicitTls,

    /// <summary>No TLS, for a relay on loopback only; AUTH is then refused.</summary>
    None,
}

/// <summary>Settings of the smarthost relay, every default in one place. <see cref="Password"/> is never logged or echoed.</summary>
public sealed class SmarthostOptions
{
    public required string Host { get; init; }

    public int Port { get; init; } = 587;

    public SmarthostSecurity Security { get; init; } = SmarthostSecurity.StartTls;

    /// <summary>The AUTH user; null sends no AUTH.</summary>
    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>The name we give in EHLO (RFC 5321 §4.1.1.1).</summary>
    public string ClientName { get; init; } = "localhost";

    /// <summary>The name the certificate must match; defaults to <see cref="Host"/>.</summary>
    public string? TlsTargetHost { get; init; }

    /// <summary>Overrides certificate validation (a pinned self-signed certificate in tests); null uses the system's.</summary>
    public RemoteCertificateValidationCallback? CertificateValidation { get; init; }

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Waiting for the greeting and for each reply: 5 minutes (RFC 5321 §4.5.3.2.1-5).</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Waiting for the reply after the final dot: 10 minutes (RFC 5321 §4.5.3.2.6).</summary>
    public TimeSpan DataTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long to leave a smarthost alone after it refuses the session itself (AUTH, greeting, TLS).</summary>
    public TimeSpan SessionFailureWait { get; init; } = TimeSpan.FromMinutes(5);

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(Host);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Port);
        if (Username is not null && Security == SmarthostSecurity.None)
        {
            throw new ArgumentException("AUTH needs TLS: credentials are never sent over a plain connection.", nameof(Security));
        }

        if (Username is not null && Password is null)
        {
            throw new ArgumentException("A smarthost user needs a password.", nameof(Password));
        }
    }
}
