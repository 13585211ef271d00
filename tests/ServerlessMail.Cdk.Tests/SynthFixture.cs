using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;

namespace ServerlessMail.Cdk.Tests;

/// <summary>
/// One synthesis of the whole App per test class (jsii synthesis takes seconds). The publish directories are empty
/// directories made here, because the functions are not published by the test run; asset staging is off, so the
/// templates refer to the source directories and nothing is copied.
/// </summary>
public abstract class SynthFixture : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "sm-cdk-" + Guid.NewGuid().ToString("N"));

    protected SynthFixture(IDictionary<string, object> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Directory.CreateDirectory(Path.Combine(_work, "functions"));
        Directory.CreateDirectory(Path.Combine(_work, "api"));
        var all = new Dictionary<string, object>(context)
        {
            [DeploySettings.FunctionsPublishDirKey] = Path.Combine(_work, "functions"),
            [DeploySettings.ApiPublishDirKey] = Path.Combine(_work, "api"),
            ["aws:cdk:disable-asset-staging"] = true,
        };
        var app = new App(new AppProps { Context = all, Outdir = Path.Combine(_work, "cdk.out") });
        Settings = DeploySettings.FromContext(app.Node);
        Stacks = MailApp.Build(app, Settings);
        Storage = Template.FromStack(Stacks.Storage);
        Ses = Template.FromStack(Stacks.Ses);
        Processing = Template.FromStack(Stacks.Processing);
        Api = Template.FromStack(Stacks.Api);
        MailEdge = Template.FromStack(Stacks.MailEdge);
    }

    public DeploySettings Settings { get; }

    public MailApp Stacks { get; }

    public Template Storage { get; }

    public Template Ses { get; }

    public Template Processing { get; }

    public Template Api { get; }

    public Template MailEdge { get; }

    public IEnumerable<Template> All => [Storage, Ses, Processing, Api, MailEdge];

    /// <summary>The template as JSON, for walks the assertion API has no matcher for.</summary>
    public static JsonObject Json(Template template) =>
        JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(template.ToJSON()))!.AsObject();

    public static IEnumerable<JsonObject> Resources(Template template, string type) =>
        Json(template)["Resources"]!.AsObject()
            .Select(pair => pair.Value!.AsObject())
            .Where(resource => (string?)resource["Type"] == type);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing && Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }
}

/// <summary>The defaults: no hosted zone (records are outputs), no SES inbound, a self-signed certificate.</summary>
public sealed class DefaultSynth() : SynthFixture(new Dictionary<string, object> { [DeploySettings.DomainKey] = "mail.example.test" });

/// <summary>Every optional part on: a hosted zone, SES inbound, a certificate in S3, three edge tasks.</summary>
public sealed class FullSynth() : SynthFixture(new Dictionary<string, object>
{
    [DeploySettings.DomainKey] = "example.org",
    [DeploySettings.HostedZoneIdKey] = "Z0123456789ABCDEFGHIJ",
    [DeploySettings.SesInboundKey] = "receipt-rule",
    [DeploySettings.CertificateSourceKey] = "s3://example-certs/mail/",
    [DeploySettings.EdgeTaskCountKey] = "3",
});
