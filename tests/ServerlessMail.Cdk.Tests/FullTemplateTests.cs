namespace ServerlessMail.Cdk.Tests;

/// <summary>Every optional parameter set: a hosted zone, SES inbound, a certificate in S3, three edge tasks.</summary>
public sealed class FullTemplateTests(FullSynth synth) : IClassFixture<FullSynth>
{
    [Fact]
    public void A_hosted_zone_gets_the_mx_spf_dmarc_dkim_and_mail_host_records()
    {
        var records = SynthFixture.Resources(synth.Ses, "AWS::Route53::RecordSet")
            .Concat(SynthFixture.Resources(synth.MailEdge, "AWS::Route53::RecordSet"))
            .Select(r => r["Properties"]!)
            .ToList();
        Assert.Equal(3, records.Count(r => (string?)r["Type"] == "CNAME")); // Easy DKIM
        var txt = records.Where(r => (string?)r["Type"] == "TXT").Select(r => r.ToJsonString()).ToList();
        Assert.Contains(txt, r => r.Contains("v=spf1 include:amazonses.com -all", StringComparison.Ordinal));
        Assert.Contains(txt, r => r.Contains("_dmarc.example.org.", StringComparison.Ordinal) && r.Contains("v=DMARC1", StringComparison.Ordinal));
        var mx = records.Single(r => (string?)r["Type"] == "MX").ToJsonString();
        Assert.Contains("inbound-smtp.", mx, StringComparison.Ordinal); // SES inbound receives the MX traffic
        var alias = records.Single(r => (string?)r["Type"] == "A");
        Assert.Equal("mail.example.org.", (string?)alias["Name"]);
        Assert.NotNull(alias["AliasTarget"]);
        Assert.DoesNotContain(SynthFixture.Json(synth.Ses)["Outputs"]!.AsObject(), o => o.Key.StartsWith("Dns", StringComparison.Ordinal));
    }

    [Fact]
    public void Ses_inbound_writes_to_raw_and_the_bucket_lets_only_this_account_do_it()
    {
        var rule = SynthFixture.Resources(synth.Ses, "AWS::SES::ReceiptRule").Single()["Properties"]!["Rule"]!;
        var action = rule["Actions"]!.AsArray().Select(a => a!["S3Action"]).Single(a => a is not null)!;
        Assert.Equal("raw/", (string?)action["ObjectKeyPrefix"]);
        Assert.Equal("Require", (string?)rule["TlsPolicy"]);
        var policy = SynthFixture.Resources(synth.Storage, "AWS::S3::BucketPolicy").Single().ToJsonString();
        Assert.Contains("ses.amazonaws.com", policy, StringComparison.Ordinal);
        Assert.Contains("aws:SourceAccount", policy, StringComparison.Ordinal);
        synth.Ses.HasOutput("ReceiptRuleSet", Amazon.CDK.Assertions.Match.AnyValue());
    }

    [Fact]
    public void The_edge_reads_its_certificate_from_s3_and_may_read_only_those_two_objects()
    {
        var container = SynthFixture.Resources(synth.MailEdge, "AWS::ECS::TaskDefinition").Single()["Properties"]!["ContainerDefinitions"]![0]!;
        var environment = container["Environment"]!.AsArray().ToDictionary(e => (string)e!["Name"]!, e => e!["Value"]!.ToJsonString());
        Assert.Equal("\"s3://example-certs/mail/fullchain.pem\"", environment["SERVERLESSMAIL_TLS_CERT"]);
        Assert.Equal("\"s3://example-certs/mail/privkey.pem\"", environment["SERVERLESSMAIL_TLS_KEY"]);
        var policies = SynthFixture.Resources(synth.MailEdge, "AWS::IAM::Policy").Select(p => p.ToJsonString()).ToList();
        Assert.Contains(policies, p => p.Contains(":s3:::example-certs/mail/privkey.pem", StringComparison.Ordinal));
        Assert.Contains(policies, p => p.Contains("kms:ViaService", StringComparison.Ordinal));
        Assert.DoesNotContain(policies, p => p.Contains("example-certs/*", StringComparison.Ordinal));
    }

    [Fact]
    public void The_task_count_parameter_sets_the_service_and_its_scaling_range()
    {
        var service = SynthFixture.Resources(synth.MailEdge, "AWS::ECS::Service").Single()["Properties"]!;
        Assert.Equal(3, (int)service["DesiredCount"]!);
        var target = SynthFixture.Resources(synth.MailEdge, "AWS::ApplicationAutoScaling::ScalableTarget").Single()["Properties"]!;
        Assert.Equal(3, (int)target["MinCapacity"]!);
        Assert.Equal(12, (int)target["MaxCapacity"]!);
    }

    [Theory]
    [InlineData(DeploySettings.EdgeTaskCountKey, "0", "not a whole number")]
    [InlineData(DeploySettings.EdgeTaskCountKey, "two", "not a whole number")]
    [InlineData(DeploySettings.SesInboundKey, "lambda", "is not off or receipt-rule")]
    [InlineData(DeploySettings.CertificateSourceKey, "https://example.org/cert", "neither s3://")]
    [InlineData(DeploySettings.CertificateSourceKey, "file:relative/dir", "neither s3://")]
    [InlineData(DeploySettings.DomainKey, "not a domain", "is not a domain name")]
    public void A_bad_parameter_fails_with_its_name(string key, string value, string message)
    {
        var app = new Amazon.CDK.App(new Amazon.CDK.AppProps
        {
            Context = new Dictionary<string, object> { [DeploySettings.DomainKey] = "example.org", [key] = value },
        });
        var error = Assert.Throws<ArgumentException>(() => DeploySettings.FromContext(app.Node));
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_publish_directory_names_the_fix()
    {
        var settings = synth.Settings with { FunctionsPublishDir = Path.Combine(Path.GetTempPath(), "sm-cdk-missing-" + Guid.NewGuid().ToString("N")) };
        var app = new Amazon.CDK.App();
        var error = Assert.Throws<ArgumentException>(() => MailApp.Build(app, settings));
        Assert.Contains("publish the functions first", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_apply_when_only_the_domain_is_given()
    {
        var app = new Amazon.CDK.App(new Amazon.CDK.AppProps { Context = new Dictionary<string, object> { [DeploySettings.DomainKey] = "Example.ORG." } });
        var settings = DeploySettings.FromContext(app.Node);
        Assert.Equal("example.org", settings.Domain);
        Assert.Equal(DeploySettings.DefaultEdgeTaskCount, settings.EdgeTaskCount);
        Assert.Equal(SesInbound.Off, settings.SesInbound);
        Assert.Null(settings.Certificate);
        Assert.Null(settings.HostedZoneId);
        Assert.Equal(Path.Combine(settings.RepoRoot, "artifacts", "publish", "functions"), settings.FunctionsPublishDir);
        Assert.True(File.Exists(Path.Combine(settings.RepoRoot, MailEdgeStack.DockerfilePath)));
    }

    [Fact]
    public void A_file_certificate_source_names_two_files_in_the_directory()
    {
        var source = CertificateSource.Parse("file:/etc/serverlessmail/tls/");
        Assert.Equal("/etc/serverlessmail/tls/fullchain.pem", source.CertificateLocation);
        Assert.Equal("/etc/serverlessmail/tls/privkey.pem", source.KeyLocation);
        Assert.Null(source.Bucket);
    }

}
