using System.Net;
using Microsoft.Extensions.Logging;

namespace ServerlessMail.Hosting.Tests;

public sealed class ServerOptionsBinderTests
{
    private static readonly Dictionary<string, string> None = [];

    [Fact]
    public void NothingGiven_TheContractsDefaults()
    {
        var options = ServerOptionsBinder.BindServer(new SettingSource(None, None));

        Assert.Equal(new ServerOptions(), options with { Store = new StoreOptions() });
        Assert.Equal("data", options.Store.DataDirectory);
        Assert.Equal(StoreKind.Local, options.Store.Kind);
        Assert.True(options.Store.Fsync);
        Assert.Equal((2525, 2587, 2465), (options.SmtpPort, options.SubmissionPort, options.SubmissionsPort));
        Assert.Equal((1143, 8993, 8080), (options.ImapPort, options.ImapsPort, options.ApiPort));
        Assert.Equal("example.test", options.DefaultDomain);
        Assert.Equal(TimeSpan.FromSeconds(30), options.IdlePollInterval);
        Assert.Equal(IPAddress.Loopback, options.ListenAddress);
        Assert.Equal(TimeSpan.FromSeconds(1), options.GreetingDelay);
        Assert.Equal(RelayKind.Local, options.Relay);
        Assert.Equal(LogLevel.Information, options.LogLevel);
    }

    [Fact]
    public void AVariable_SetsTheSetting_AndTheFlagWinsOverIt()
    {
        var environment = new Dictionary<string, string>
        {
            ["SERVERLESSMAIL_SMTP_PORT"] = "3525",
            ["SERVERLESSMAIL_DATA"] = "/var/mail-from-env",
            ["SERVERLESSMAIL_GREETING_DELAY"] = "0",
            ["SERVERLESSMAIL_RELAY"] = "SES",
        };
        var flags = new Dictionary<string, string> { ["smtp-port"] = "4525" };

        var options = ServerOptionsBinder.BindServer(new SettingSource(flags, environment));

        Assert.Equal(4525, options.SmtpPort);
        Assert.Equal("/var/mail-from-env", options.Store.DataDirectory);
        Assert.Equal(TimeSpan.Zero, options.GreetingDelay);
        Assert.Equal(RelayKind.Ses, options.Relay);
    }

    [Fact]
    public void AnEmptyVariable_CountsAsUnset()
    {
        var options = ServerOptionsBinder.BindServer(new SettingSource(None, new Dictionary<string, string> { ["SERVERLESSMAIL_RELAY"] = "" }));

        Assert.Equal(RelayKind.Local, options.Relay);
    }

    [Fact]
    public void EveryValueOfTheContract_IsParsed()
    {
        var flags = new Dictionary<string, string>
        {
            ["listen"] = "::", ["hostname"] = "mx.example.com", ["submissions-port"] = "1465", ["max-message-size"] = "1048576",
            ["relay"] = "smtp", ["smarthost"] = "smtp.example.com:587", ["smarthost-tls"] = "implicit", ["smarthost-user"] = "relay-user",
            ["tls-cert"] = "/etc/cert.pem", ["tls-key"] = "/etc/key.pem", ["log-level"] = "debug", ["store"] = "aws",
            ["aws-bucket"] = "mail-bucket", ["dynamodb-endpoint"] = "http://127.0.0.1:4567", ["aws-create-missing"] = "true",
            ["greeting-delay"] = "0.5", ["max-connections-per-address"] = "200", ["imap-port"] = "143", ["imaps-port"] = "993",
            ["api-port"] = "80", ["domain"] = "Mail.Example.ORG", ["idle-poll"] = "2.5",
        };
        var environment = new Dictionary<string, string> { ["SERVERLESSMAIL_SMARTHOST_PASSWORD"] = "hunter2" };

        var options = ServerOptionsBinder.BindServer(new SettingSource(flags, environment));

        Assert.Equal(IPAddress.IPv6Any, options.ListenAddress);
        Assert.Equal("mx.example.com", options.HostName);
        Assert.Equal(1465, options.SubmissionsPort);
        Assert.Equal(1_048_576, options.MaxMessageSize);
        Assert.Equal(new DnsEndPoint("smtp.example.com", 587), options.Smarthost);
        Assert.Equal(SmarthostTls.Implicit, options.SmarthostTls);
        Assert.Equal("hunter2", options.SmarthostPassword);
        Assert.Equal(LogLevel.Debug, options.LogLevel);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.GreetingDelay);
        Assert.Equal(200, options.MaxConnectionsPerAddress);
        Assert.Equal((StoreKind.Aws, "mail-bucket", true), (options.Store.Kind, options.Store.AwsBucket, options.Store.AwsCreateMissing));
        Assert.Equal(new Uri("http://127.0.0.1:4567"), options.Store.DynamoDbEndpoint);
        Assert.Equal((143, 993, 80), (options.ImapPort, options.ImapsPort, options.ApiPort));
        Assert.Equal("mail.example.org", options.DefaultDomain);
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.IdlePollInterval);
    }

    [Fact]
    public void TheOldDataDirVariable_StillWorks_AndTheNewNameWinsOverIt()
    {
        var old = ServerOptionsBinder.BindStore(new SettingSource(None, new Dictionary<string, string> { ["SERVERLESSMAIL_DATA_DIR"] = "/old" }));
        var both = ServerOptionsBinder.BindStore(new SettingSource(None, new Dictionary<string, string> { ["SERVERLESSMAIL_DATA_DIR"] = "/old", ["SERVERLESSMAIL_DATA"] = "/new" }));

        Assert.Equal(("/old", "/new"), (old.DataDirectory, both.DataDirectory));
    }

    [Fact]
    public void ThePassword_IsNeverTakenFromAFlag()
    {
        var flags = new Dictionary<string, string> { ["smarthost-password"] = "on-the-command-line" };

        Assert.Null(ServerOptionsBinder.BindServer(new SettingSource(flags, None)).SmarthostPassword);
    }

    [Theory]
    [InlineData("smtp-port", "0", "--smtp-port: '0' is not valid; expected a port number from 1 to 65535.")]
    [InlineData("smtp-port", "65536", "--smtp-port: '65536' is not valid; expected a port number from 1 to 65535.")]
    [InlineData("submission-port", "abc", "--submission-port: 'abc' is not valid; expected a port number from 1 to 65535.")]
    [InlineData("greeting-delay", "-1", "--greeting-delay: '-1' is not valid; expected seconds from 0 to 60, such as 1 or 0.5.")]
    [InlineData("relay", "sendmail", "--relay: 'sendmail' is not valid; expected one of local, ses, smtp.")]
    [InlineData("store", "s3", "--store: 's3' is not valid; expected one of local, aws.")]
    [InlineData("listen", "localhost", "--listen: 'localhost' is not valid; expected an IP address such as 127.0.0.1, 0.0.0.0 or ::.")]
    [InlineData("ses-endpoint", "ftp://x", "--ses-endpoint: 'ftp://x' is not valid; expected an http:// or https:// URL.")]
    [InlineData("smarthost", "smtp.example.com", "--smarthost: 'smtp.example.com' is not valid; expected HOST:PORT, such as smtp.example.com:587.")]
    [InlineData("fsync", "maybe", "--fsync: 'maybe' is not valid; expected true or false.")]
    [InlineData("max-message-size", "10", "--max-message-size: '10' is not valid; expected a size in bytes, at least 1024.")]
    [InlineData("max-connections-per-address", "0", "--max-connections-per-address: '0' is not valid; expected a whole number from 1 to 100000.")]
    [InlineData("imap-port", "-1", "--imap-port: '-1' is not valid; expected a port number from 1 to 65535.")]
    [InlineData("imaps-port", "993x", "--imaps-port: '993x' is not valid; expected a port number from 1 to 65535.")]
    [InlineData("api-port", "http", "--api-port: 'http' is not valid; expected a port number from 1 to 65535.")]
    [InlineData("domain", "not a domain", "--domain: 'not a domain' is not valid; expected a domain name such as example.test.")]
    [InlineData("domain", "[127.0.0.1]", "--domain: '[127.0.0.1]' is not valid; expected a domain name such as example.test.")]
    [InlineData("idle-poll", "0", "--idle-poll: '0' is not valid; expected seconds from 0.1 to 3600, such as 30 or 2.5.")]
    [InlineData("idle-poll", "soon", "--idle-poll: 'soon' is not valid; expected seconds from 0.1 to 3600, such as 30 or 2.5.")]
    [InlineData("hostname", "bad host", "--hostname: 'bad host' is not valid; expected a DNS host name such as mail.example.com.")]
    public void ABadFlag_IsAReadableErrorNamingIt(string flag, string value, string message)
    {
        var exception = Assert.Throws<OptionsException>(() => ServerOptionsBinder.BindServer(new SettingSource(new Dictionary<string, string> { [flag] = value }, None)));

        Assert.Equal(message, exception.Message);
    }

    [Fact]
    public void ABadVariable_IsAReadableErrorNamingTheVariable()
    {
        var environment = new Dictionary<string, string> { ["SERVERLESSMAIL_SMTP_PORT"] = "twenty-five" };

        var exception = Assert.Throws<OptionsException>(() => ServerOptionsBinder.BindServer(new SettingSource(None, environment)));

        Assert.Equal("SERVERLESSMAIL_SMTP_PORT: 'twenty-five' is not valid; expected a port number from 1 to 65535.", exception.Message);
    }

    [Theory]
    [InlineData("--smtp-port and --submission-port must differ (both 2587)", "smtp-port", "2587")]
    [InlineData("--submission-port and --imap-port must differ (both 2587)", "imap-port", "2587")]
    [InlineData("--imaps-port and --api-port must differ (both 8080)", "imaps-port", "8080")]
    [InlineData("go together", "tls-cert", "/etc/cert.pem")]
    [InlineData("--relay smtp needs --smarthost", "relay", "smtp")]
    [InlineData("--store aws needs --aws-bucket", "store", "aws")]
    [InlineData("needs the password in SERVERLESSMAIL_SMARTHOST_PASSWORD", "smarthost-user", "relay-user")]
    public void SettingsThatOnlyWorkTogether_AreCheckedTogether(string expected, string flag, string value)
    {
        var exception = Assert.Throws<OptionsException>(() => ServerOptionsBinder.BindServer(new SettingSource(new Dictionary<string, string> { [flag] = value }, None)));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EverySetting_HasTheContractsVariableName()
    {
        Assert.All(ServerSettings.All, s => Assert.Equal("SERVERLESSMAIL_" + s.Name.ToUpperInvariant().Replace('-', '_'), s.EnvironmentVariable));
        Assert.Equal(("SERVERLESSMAIL_DATA", "SERVERLESSMAIL_DATA_DIR"), (ServerSettings.DataDir.EnvironmentVariable, ServerSettings.DataDir.AliasVariable));
        Assert.Equal(ServerSettings.All.Count, ServerSettings.All.Select(s => s.Name).Distinct().Count());
    }
}
