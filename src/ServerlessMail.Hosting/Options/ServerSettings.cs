namespace ServerlessMail.Hosting;

/// <summary>
/// One setting: its flag (without the dashes), its variable <c>SERVERLESSMAIL_&lt;FLAG_IN_CAPS&gt;</c>, help text with
/// the default, and whether it is a switch (a flag without a value). A flag wins over its variable, the variable over
/// the config file. An alias is an older name that keeps working as a flag, a variable and a config key.
/// </summary>
public sealed record Setting(string Name, string ArgumentName, string Description, bool IsSwitch = false, bool EnvironmentOnly = false, string? Alias = null)
{
    public const string EnvironmentPrefix = "SERVERLESSMAIL_";

    public string Flag => "--" + Name;

    public string EnvironmentVariable => VariableOf(Name);

    public string? AliasFlag => Alias is null ? null : "--" + Alias;

    public string? AliasVariable => Alias is null ? null : VariableOf(Alias);

    private static string VariableOf(string name) => EnvironmentPrefix + name.ToUpperInvariant().Replace('-', '_');
}

/// <summary>The settings of the serve contract, in help order. The CLI builds its options from these lists.</summary>
public static class ServerSettings
{
    public static readonly Setting Config = new("config", "FILE", "A JSON file of settings by these names ({\"smtp-port\": 2525, \"domain\": \"example.test\"}); flags and variables win over it.");
    public static readonly Setting DataDir = new("data", "DIR", $"Where the embedded store, the self-signed certificate and admin.token live. Default: ./{StoreOptions.DefaultDataDirectory}.", Alias: "data-dir");
    public static readonly Setting Store = new("store", "local|aws", "The mail store: local (SQLite and files in the data dir) or aws (DynamoDB and S3). Default: local.");
    public static readonly Setting Fsync = new("fsync", "true|false", "Embedded store: fsync every commit and message file. Default: true; false only for throwaway data.");
    public static readonly Setting AwsTable = new("aws-table", "NAME", "AWS store: the DynamoDB table. Default: serverlessmail.");
    public static readonly Setting AwsBucket = new("aws-bucket", "NAME", "AWS store: the S3 bucket for raw messages (required with --store aws).");
    public static readonly Setting AwsRegion = new("aws-region", "REGION", "AWS store: the region. Default: us-east-1. Credentials come from the usual AWS variables or profile.");
    public static readonly Setting DynamoDbEndpoint = new("dynamodb-endpoint", "URL", "AWS store: a DynamoDB-compatible endpoint such as dynalite.");
    public static readonly Setting S3Endpoint = new("s3-endpoint", "URL", "AWS store: an S3-compatible endpoint such as s3rver.");
    public static readonly Setting AwsCreateMissing = new("aws-create-missing", "", "AWS store: create the table and bucket when missing.", IsSwitch: true);

    public static readonly Setting Role = new("role", "all|edge", "all: SMTP, IMAP, the REST API, delivery and the relay in one process. edge (with --store aws): the SMTP and IMAP listeners only; " +
        "on AWS the S3-triggered ingest function delivers what the edge accepts, the relay function sends what it queues, and the API is its own function. Default: all.");
    public static readonly Setting HostName = new("hostname", "NAME", "The server's name in SMTP greetings and the self-signed certificate. Default: localhost.");
    public static readonly Setting Listen = new("listen", "ADDRESS", "The IP address to listen on. Default: 127.0.0.1; 0.0.0.0 or :: for every interface.");
    public static readonly Setting SmtpPort = new("smtp-port", "PORT", "Inbound MX port (STARTTLS offered, no AUTH). Default: 2525.");
    public static readonly Setting SubmissionPort = new("submission-port", "PORT", "Submission port (STARTTLS, then AUTH with an API token). Default: 2587.");
    public static readonly Setting SubmissionsPort = new("submissions-port", "PORT", "Submission port with implicit TLS. Default: 2465.");
    public static readonly Setting ImapPort = new("imap-port", "PORT", "IMAP port (STARTTLS, then LOGIN with an inbox address and an API token). Default: 1143.");
    public static readonly Setting ImapsPort = new("imaps-port", "PORT", "IMAP port with implicit TLS. Default: 8993.");
    public static readonly Setting ApiPort = new("api-port", "PORT", "The REST API (HTTP) port. Default: 8080.");
    public static readonly Setting Domain = new("domain", "DOMAIN", "The default domain, made with the default account on first start. Default: example.test.");
    public static readonly Setting IdlePoll = new("idle-poll", "SECONDS", "How often IMAP IDLE re-reads the store when no in-process change arrives (mail written by another process, as on the AWS store). Default: 30.");
    public static readonly Setting GreetingDelay = new("greeting-delay", "SECONDS", "Inbound greeting pause that catches clients talking first. Default: 1; 0 turns it off.");
    public static readonly Setting MaxMessageSize = new("max-message-size", "BYTES", "Largest message accepted (SMTP SIZE). Default: 26214400 (25 MB).");
    public static readonly Setting MaxConnectionsPerAddress = new("max-connections-per-address", "COUNT", "Simultaneous connections from one IP address, per port; more get 421. Default: 20.");
    public static readonly Setting Relay = new("relay", "local|ses|smtp", "Where outbound mail to other domains goes: local (captured, nothing leaves), ses, or smtp (a smarthost). Default: local.");
    public static readonly Setting SesEndpoint = new("ses-endpoint", "URL", "SES relay: a custom endpoint such as aws-ses-v2-local.");
    public static readonly Setting SesRegion = new("ses-region", "REGION", "SES relay: the region. Default: us-east-1. Credentials come from the usual AWS variables or profile.");
    public static readonly Setting SesConfigurationSet = new("ses-configuration-set", "NAME", "SES relay: the configuration set that reports deliveries, bounces and complaints.");
    public static readonly Setting Smarthost = new("smarthost", "HOST:PORT", "SMTP relay: the smarthost (required with --relay smtp).");
    public static readonly Setting SmarthostTls = new("smarthost-tls", "starttls|implicit|none", "SMTP relay: how to secure the connection. Default: starttls; none only on loopback, never with AUTH.");
    public static readonly Setting SmarthostUser = new("smarthost-user", "USER", "SMTP relay: the AUTH user; the password is read from SERVERLESSMAIL_SMARTHOST_PASSWORD only.");
    public static readonly Setting SmarthostPassword = new("smarthost-password", "", "SMTP relay: the AUTH password.", EnvironmentOnly: true);
    public static readonly Setting TlsCert = new("tls-cert", "PEM", "TLS certificate (PEM, with its chain): a file path or s3://BUCKET/KEY (read with the AWS store's S3 client; " +
        "an SSE-KMS object is decrypted by S3 given kms:Decrypt on its key). Reloaded when it changes. Default: a self-signed one made on first start in DATA_DIR/tls.");
    public static readonly Setting TlsKey = new("tls-key", "PEM", "TLS private key (PEM), with --tls-cert: a file path or s3://BUCKET/KEY.");
    public static readonly Setting TlsReload = new("tls-reload", "SECONDS", "How often a certificate in S3 is re-checked (by ETag) and reloaded when it changed; files are watched instead. Default: 300.");
    public static readonly Setting LogLevel = new("log-level", "LEVEL", "trace, debug (adds SMTP transcripts, AUTH redacted), information, warning or error. Default: information.");

    /// <summary>What the operator commands take: they open the store the server uses, nothing else.</summary>
    public static IReadOnlyList<Setting> StoreSettings { get; } =
        [Config, DataDir, Store, Fsync, AwsTable, AwsBucket, AwsRegion, DynamoDbEndpoint, S3Endpoint, AwsCreateMissing];

    public static IReadOnlyList<Setting> All { get; } =
    [
        .. StoreSettings,
        Role, Domain, HostName, Listen, SmtpPort, SubmissionPort, SubmissionsPort, ImapPort, ImapsPort, ApiPort, IdlePoll, GreetingDelay, MaxMessageSize, MaxConnectionsPerAddress,
        Relay, SesEndpoint, SesRegion, SesConfigurationSet, Smarthost, SmarthostTls, SmarthostUser, SmarthostPassword,
        TlsCert, TlsKey, TlsReload, LogLevel,
    ];
}
