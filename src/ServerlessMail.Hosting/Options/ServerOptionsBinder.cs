using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using ServerlessMail.Core;

namespace ServerlessMail.Hosting;

/// <summary>
/// Turns flags and <c>SERVERLESSMAIL_*</c> variables into <see cref="StoreOptions"/> and <see cref="ServerOptions"/>.
/// A bad value throws <see cref="OptionsException"/> naming the flag or variable it came from, the value, and what
/// is expected; settings that only make sense together are checked together.
/// </summary>
public static class ServerOptionsBinder
{
    public static StoreOptions BindStore(SettingSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var defaults = new StoreOptions();
        var options = new StoreOptions
        {
            DataDirectory = Text(source, ServerSettings.DataDir) ?? defaults.DataDirectory,
            Kind = Enum(source, ServerSettings.Store, defaults.Kind, ("local", StoreKind.Local), ("aws", StoreKind.Aws)),
            Fsync = Switch(source, ServerSettings.Fsync) ?? defaults.Fsync,
            AwsTable = Text(source, ServerSettings.AwsTable) ?? defaults.AwsTable,
            AwsBucket = Text(source, ServerSettings.AwsBucket),
            AwsRegion = Text(source, ServerSettings.AwsRegion) ?? defaults.AwsRegion,
            DynamoDbEndpoint = Url(source, ServerSettings.DynamoDbEndpoint),
            S3Endpoint = Url(source, ServerSettings.S3Endpoint),
            AwsCreateMissing = Switch(source, ServerSettings.AwsCreateMissing) ?? defaults.AwsCreateMissing,
        };
        if (options.Kind == StoreKind.Aws && options.AwsBucket is null)
        {
            throw new OptionsException($"--store aws needs {ServerSettings.AwsBucket.Flag} (or {ServerSettings.AwsBucket.EnvironmentVariable}).");
        }

        return options;
    }

    public static ServerOptions BindServer(SettingSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var defaults = new ServerOptions();
        var options = new ServerOptions
        {
            Store = BindStore(source),
            Role = Enum(source, ServerSettings.Role, defaults.Role, ("all", ServerRole.All), ("edge", ServerRole.Edge)),
            HostName = HostName(source) ?? defaults.HostName,
            ListenAddress = Address(source, ServerSettings.Listen) ?? defaults.ListenAddress,
            SmtpPort = Port(source, ServerSettings.SmtpPort) ?? defaults.SmtpPort,
            SubmissionPort = Port(source, ServerSettings.SubmissionPort) ?? defaults.SubmissionPort,
            SubmissionsPort = Port(source, ServerSettings.SubmissionsPort) ?? defaults.SubmissionsPort,
            ImapPort = Port(source, ServerSettings.ImapPort) ?? defaults.ImapPort,
            ImapsPort = Port(source, ServerSettings.ImapsPort) ?? defaults.ImapsPort,
            ApiPort = Port(source, ServerSettings.ApiPort) ?? defaults.ApiPort,
            DefaultDomain = DomainName(source) ?? defaults.DefaultDomain,
            IdlePollInterval = PollInterval(source, ServerSettings.IdlePoll) ?? defaults.IdlePollInterval,
            GreetingDelay = Seconds(source, ServerSettings.GreetingDelay) ?? defaults.GreetingDelay,
            MaxMessageSize = Size(source, ServerSettings.MaxMessageSize) ?? defaults.MaxMessageSize,
            MaxConnectionsPerAddress = Count(source, ServerSettings.MaxConnectionsPerAddress) ?? defaults.MaxConnectionsPerAddress,
            Relay = Enum(source, ServerSettings.Relay, defaults.Relay, ("local", RelayKind.Local), ("ses", RelayKind.Ses), ("smtp", RelayKind.Smtp)),
            SesEndpoint = Url(source, ServerSettings.SesEndpoint),
            SesRegion = Text(source, ServerSettings.SesRegion) ?? defaults.SesRegion,
            SesConfigurationSet = Text(source, ServerSettings.SesConfigurationSet),
            Smarthost = HostAndPort(source, ServerSettings.Smarthost),
            SmarthostTls = Enum(source, ServerSettings.SmarthostTls, defaults.SmarthostTls, ("starttls", SmarthostTls.StartTls), ("implicit", SmarthostTls.Implicit), ("none", SmarthostTls.None)),
            SmarthostUser = Text(source, ServerSettings.SmarthostUser),
            SmarthostPassword = Text(source, ServerSettings.SmarthostPassword),
            TlsCertificatePath = Text(source, ServerSettings.TlsCert),
            TlsKeyPath = Text(source, ServerSettings.TlsKey),
            TlsReloadInterval = PollInterval(source, ServerSettings.TlsReload) ?? defaults.TlsReloadInterval,
            LogLevel = Enum(
                source, ServerSettings.LogLevel, defaults.LogLevel, ("trace", LogLevel.Trace), ("debug", LogLevel.Debug),
                ("information", LogLevel.Information), ("info", LogLevel.Information), ("warning", LogLevel.Warning), ("error", LogLevel.Error)),
        };
        Check(options);
        CheckRole(options, source);
        return options;
    }

    /// <summary>The edge delivers and relays nothing itself, so it only makes sense where functions do (the AWS store).</summary>
    private static void CheckRole(ServerOptions options, SettingSource source)
    {
        if (options.Role != ServerRole.Edge)
        {
            return;
        }

        if (options.Store.Kind != StoreKind.Aws)
        {
            throw new OptionsException(
                $"{ServerSettings.Role.Flag} edge needs {ServerSettings.Store.Flag} aws: the edge only accepts mail, and on the embedded store nothing " +
                "would deliver it (the ingest function delivers on AWS). Use --role all to run everything on this machine.");
        }

        if (source.Get(ServerSettings.Relay) is { } relay)
        {
            throw new OptionsException(
                $"{relay.Origin} has no effect with {ServerSettings.Role.Flag} edge: the edge queues submitted mail under outbound/ and the relay function sends it.");
        }
    }

    private static void Check(ServerOptions options)
    {
        (Setting Setting, int Port)[] ports =
        [
            (ServerSettings.SmtpPort, options.SmtpPort), (ServerSettings.SubmissionPort, options.SubmissionPort),
            (ServerSettings.SubmissionsPort, options.SubmissionsPort), (ServerSettings.ImapPort, options.ImapPort),
            (ServerSettings.ImapsPort, options.ImapsPort), (ServerSettings.ApiPort, options.ApiPort),
        ];
        foreach (var clash in ports.GroupBy(p => p.Port).Where(g => g.Count() > 1))
        {
            throw new OptionsException($"{string.Join(" and ", clash.Select(p => p.Setting.Flag))} must differ (both {clash.Key}); every listener needs its own port.");
        }

        if ((options.TlsCertificatePath is null) != (options.TlsKeyPath is null))
        {
            throw new OptionsException($"{ServerSettings.TlsCert.Flag} and {ServerSettings.TlsKey.Flag} go together: give both, or neither for a self-signed certificate.");
        }

        var inS3 = (options.TlsCertificatePath is { } cert && S3Location.IsS3(cert), options.TlsKeyPath is { } key && S3Location.IsS3(key));
        if (inS3.Item1 != inS3.Item2)
        {
            throw new OptionsException($"{ServerSettings.TlsCert.Flag} and {ServerSettings.TlsKey.Flag} come from the same place: both s3://BUCKET/KEY or both file paths.");
        }

        foreach (var (setting, value) in new[] { (ServerSettings.TlsCert, options.TlsCertificatePath), (ServerSettings.TlsKey, options.TlsKeyPath) })
        {
            if (value is not null && S3Location.IsS3(value) && S3Location.Parse(value) is null)
            {
                throw new OptionsException($"{setting.Flag}: '{value}' is not valid; expected s3://BUCKET/KEY.");
            }
        }

        if (inS3.Item1 && options.Store.Kind != StoreKind.Aws)
        {
            throw new OptionsException($"a certificate in S3 ({ServerSettings.TlsCert.Flag} s3://…) is read with the AWS store's client: it needs {ServerSettings.Store.Flag} aws.");
        }

        if (options.Relay == RelayKind.Smtp && options.Smarthost is null)
        {
            throw new OptionsException($"--relay smtp needs {ServerSettings.Smarthost.Flag} HOST:PORT.");
        }

        if (options.SmarthostUser is not null && options.SmarthostPassword is null)
        {
            throw new OptionsException($"{ServerSettings.SmarthostUser.Flag} needs the password in {ServerSettings.SmarthostPassword.EnvironmentVariable}.");
        }

        if (options.SmarthostUser is not null && options.SmarthostTls == SmarthostTls.None)
        {
            throw new OptionsException($"{ServerSettings.SmarthostUser.Flag} needs TLS: credentials are never sent over a plain connection ({ServerSettings.SmarthostTls.Flag} none).");
        }
    }

    private static string? Text(SettingSource source, Setting setting)
    {
        if (source.Get(setting) is not var (value, origin))
        {
            return null;
        }

        return string.IsNullOrWhiteSpace(value) ? throw Bad(origin, value, "a non-empty value") : value.Trim();
    }

    private static string? HostName(SettingSource source)
    {
        var value = Text(source, ServerSettings.HostName);
        return value is null || Uri.CheckHostName(value) == UriHostNameType.Dns
            ? value
            : throw Bad(source.Get(ServerSettings.HostName)!.Value.Origin, value, "a DNS host name such as mail.example.com");
    }

    private static string? DomainName(SettingSource source)
    {
        var value = Text(source, ServerSettings.Domain);
        if (value is null)
        {
            return null;
        }

        return RecipientResolver.Normalize("x@" + value)?.Domain is { } normalized && Uri.CheckHostName(normalized) == UriHostNameType.Dns
            ? normalized
            : throw Bad(source.Get(ServerSettings.Domain)!.Value.Origin, value, "a domain name such as example.test");
    }

    private static TimeSpan? PollInterval(SettingSource source, Setting setting)
    {
        if (source.Get(setting) is not var (value, origin))
        {
            return null;
        }

        return double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 0.1 and <= 3600
            ? TimeSpan.FromSeconds(seconds)
            : throw Bad(origin, value, "seconds from 0.1 to 3600, such as 30 or 2.5");
    }

    private static int? Port(SettingSource source, Setting setting)
    {
        if (source.Get(setting) is not var (value, origin))
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
            ? port
            : throw Bad(origin, value, "a port number from 1 to 65535");
    }

    private static int? Count(SettingSource source, Setting setting)
    {
        if (source.Get(setting) is not var (value, origin))
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= 100_000
            ? count
            : throw Bad(origin, value, "a whole number from 1 to 100000");
    }

    private static TimeSpan? Seconds(SettingSource source, Setting setting)
    {
        if (source.Get(setting) is not var (value, origin))
        {
            return null;
        }

        return double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds <= 60
            ? TimeSpan.FromSeconds(seconds)
            : throw Bad(origin, value, "seconds from 0 to 60, such as 1 or 0.5");
    }

    private static long? Size(SettingSource source, Setting setting)
    {
        if (source.Get(setting) is not var (value, origin))
        {
            return null;
        }

        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size >= 1024
            ? size
            : throw Bad(origin, value, "a size in bytes, at least 1024");
    }

    private static bool? Switch(SettingSource source, Setting setting)
    {
        if (source.Get(setting) is not var (value, origin))
        {
            return null;
        }

        return value.Trim().ToUpperInvariant() switch
        {
            "TRUE" or "1" or "YES" or "ON" => true,
            "FALSE" or "0" or "NO" or "OFF" => false,
            _ => throw Bad(origin, value, "true or false"),
        };
    }

    private static Uri? Url(SettingSource source, Setting setting)
    {
        if (source.Get(setting) is not var (value, origin))
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw Bad(origin, value, "an http:// or https:// URL");
    }

    private static IPAddress? Address(SettingSource source, Setting setting)
    {
        if (source.Get(setting) is not var (value, origin))
        {
            return null;
        }

        return IPAddress.TryParse(value, out var address) ? address : throw Bad(origin, value, "an IP address such as 127.0.0.1, 0.0.0.0 or ::");
    }

    private static DnsEndPoint? HostAndPort(SettingSource source, Setting setting)
    {
        if (source.Get(setting) is not var (value, origin))
        {
            return null;
        }

        var colon = value.LastIndexOf(':');
        var host = colon > 0 ? value[..colon].Trim('[', ']') : string.Empty;
        if (host.Length == 0 || Uri.CheckHostName(host) == UriHostNameType.Unknown ||
            !int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw Bad(origin, value, "HOST:PORT, such as smtp.example.com:587");
        }

        return new DnsEndPoint(host, port);
    }

    private static T Enum<T>(SettingSource source, Setting setting, T fallback, params (string Name, T Value)[] choices)
    {
        if (source.Get(setting) is not var (value, origin))
        {
            return fallback;
        }

        foreach (var (name, choice) in choices)
        {
            if (string.Equals(name, value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return choice;
            }
        }

        throw Bad(origin, value, "one of " + string.Join(", ", choices.Select(c => c.Name).Distinct()));
    }

    private static OptionsException Bad(string origin, string value, string expected) =>
        new($"{origin}: '{value}' is not valid; expected {expected}.");
}
