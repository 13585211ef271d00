namespace ServerlessMail.Hosting.Tests;

/// <summary><c>--role edge</c> and certificates in S3: what binds, and the readable errors for what cannot work.</summary>
public sealed class EdgeOptionsTests
{
    private static readonly Dictionary<string, string> None = [];

    private static readonly Dictionary<string, string> AwsStore = new() { ["SERVERLESSMAIL_STORE"] = "aws", ["SERVERLESSMAIL_AWS_BUCKET"] = "mail" };

    [Fact]
    public void TheRoleDefaultsToAll_AndTheVariableSetsEdge()
    {
        Assert.Equal(ServerRole.All, ServerOptionsBinder.BindServer(new SettingSource(None, None)).Role);

        var options = ServerOptionsBinder.BindServer(new SettingSource(None, new Dictionary<string, string>(AwsStore) { ["SERVERLESSMAIL_ROLE"] = "edge" }));

        Assert.Equal((ServerRole.Edge, StoreKind.Aws), (options.Role, options.Store.Kind));
    }

    [Fact]
    public void TheEdgeOnTheEmbeddedStore_IsAnErrorSayingNothingWouldDeliver()
    {
        var exception = Assert.Throws<OptionsException>(() => ServerOptionsBinder.BindServer(new SettingSource(new Dictionary<string, string> { ["role"] = "edge" }, None)));

        Assert.StartsWith("--role edge needs --store aws: the edge only accepts mail, and on the embedded store nothing would deliver it", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheEdgeWithARelay_IsAnError_TheRelayFunctionSends()
    {
        var exception = Assert.Throws<OptionsException>(() => ServerOptionsBinder.BindServer(
            new SettingSource(new Dictionary<string, string> { ["role"] = "edge", ["relay"] = "ses" }, AwsStore)));

        Assert.Equal("--relay has no effect with --role edge: the edge queues submitted mail under outbound/ and the relay function sends it.", exception.Message);
    }

    [Fact]
    public void AnUnknownRole_NamesTheChoices()
    {
        var exception = Assert.Throws<OptionsException>(() => ServerOptionsBinder.BindServer(new SettingSource(None, new Dictionary<string, string> { ["SERVERLESSMAIL_ROLE"] = "mx" })));

        Assert.Equal("SERVERLESSMAIL_ROLE: 'mx' is not valid; expected one of all, edge.", exception.Message);
    }

    [Fact]
    public void ACertificateInS3_BindsWithItsReloadInterval()
    {
        var flags = new Dictionary<string, string> { ["tls-cert"] = "s3://certs/edge/cert.pem", ["tls-key"] = "s3://certs/edge/key.pem", ["tls-reload"] = "60" };

        var options = ServerOptionsBinder.BindServer(new SettingSource(flags, AwsStore));

        Assert.Equal(new S3Location("certs", "edge/cert.pem"), S3Location.Parse(options.TlsCertificatePath!));
        Assert.Equal(TimeSpan.FromSeconds(60), options.TlsReloadInterval);
        Assert.Equal(TimeSpan.FromMinutes(5), ServerOptionsBinder.BindServer(new SettingSource(None, None)).TlsReloadInterval);
    }

    [Theory]
    [InlineData("s3://certs/cert.pem", "/etc/key.pem", "--tls-cert and --tls-key come from the same place: both s3://BUCKET/KEY or both file paths.")]
    [InlineData("s3://certs", "s3://certs/key.pem", "--tls-cert: 's3://certs' is not valid; expected s3://BUCKET/KEY.")]
    [InlineData("s3://certs/", "s3://certs/key.pem", "--tls-cert: 's3://certs/' is not valid; expected s3://BUCKET/KEY.")]
    public void ABadCertificateLocation_IsNamed(string certificate, string key, string message)
    {
        var exception = Assert.Throws<OptionsException>(() => ServerOptionsBinder.BindServer(
            new SettingSource(new Dictionary<string, string> { ["tls-cert"] = certificate, ["tls-key"] = key }, AwsStore)));

        Assert.Equal(message, exception.Message);
    }

    [Fact]
    public void ACertificateInS3_NeedsTheAwsStore()
    {
        var exception = Assert.Throws<OptionsException>(() => ServerOptionsBinder.BindServer(
            new SettingSource(new Dictionary<string, string> { ["tls-cert"] = "s3://c/cert.pem", ["tls-key"] = "s3://c/key.pem" }, None)));

        Assert.Contains("needs --store aws", exception.Message, StringComparison.Ordinal);
    }
}
