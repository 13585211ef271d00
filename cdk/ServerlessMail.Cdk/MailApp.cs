using Amazon.CDK;

namespace ServerlessMail.Cdk;

/// <summary>
/// The stacks, split by how often they change: Storage (data, retained, rarely touched), Ses (identity and
/// feedback, per domain), Processing and Api (every code release), MailEdge (network and container).
/// </summary>
public sealed record MailApp(StorageStack Storage, SesStack Ses, ProcessingStack Processing, ApiStack Api, MailEdgeStack MailEdge)
{
    public const string Prefix = "ServerlessMail";

    public static MailApp Build(App app, DeploySettings settings)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(settings);
        var account = System.Environment.GetEnvironmentVariable("CDK_DEFAULT_ACCOUNT");
        var region = System.Environment.GetEnvironmentVariable("CDK_DEFAULT_REGION");
        var props = new StackProps
        {
            Env = account is null || region is null ? null : new Amazon.CDK.Environment { Account = account, Region = region },
            Tags = new Dictionary<string, string> { ["app"] = "serverlessmail", ["serverlessmail:domain"] = settings.Domain },
        };

        var storage = new StorageStack(app, Prefix + "-Storage", settings, props);
        var ses = new SesStack(app, Prefix + "-Ses", settings, storage, props);
        var processing = new ProcessingStack(app, Prefix + "-Processing", settings, storage, ses, props);
        var api = new ApiStack(app, Prefix + "-Api", settings, storage, ses, props);
        var edge = new MailEdgeStack(app, Prefix + "-MailEdge", settings, storage, props);
        return new MailApp(storage, ses, processing, api, edge);
    }
}
