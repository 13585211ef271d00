using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.S3.Notifications;
using Amazon.CDK.AWS.SNS.Subscriptions;
using Constructs;

namespace ServerlessMail.Cdk;

/// <summary>
/// The event-driven functions: ingest (raw/ objects), relay (outbound/ objects) and SES events (the configuration
/// set's SNS topic). Each has a dead-letter queue for async invocations that fail after Lambda's two retries, an
/// errors alarm and a dead-letter depth alarm. Deployed with every code change.
/// </summary>
public sealed class ProcessingStack : Stack
{
    public ProcessingStack(Construct scope, string id, DeploySettings settings, StorageStack storage, SesStack ses, IStackProps? props = null)
        : base(scope, id, props)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(ses);
        var environment = MailFunction.StoreEnvironment(storage, settings, ses.ConfigurationSet.ConfigurationSetName);

        // Imported rather than passed: notifications on a bucket of another stack would make the two stacks depend on
        // each other (the bucket's notification resource needs the function, the function needs the bucket).
        var bucket = Bucket.FromBucketAttributes(this, "MailBucket", new BucketAttributes
        {
            BucketArn = storage.Bucket.BucketArn,
            BucketName = storage.Bucket.BucketName,
        });

        Ingest = new MailFunction(this, "Ingest", new MailFunctionOptions(Handlers.Ingest, settings.FunctionsPublishDir,
            "Parses, delivers and indexes raw inbound mail (S3 raw/)")
        {
            Timeout = Duration.Minutes(2),
            DeadLetterQueue = true,
        }, environment);
        storage.Table.GrantReadWriteData(Ingest.Function);
        DataAccess.GrantObjects(Ingest.Function, bucket, DataAccess.Read, StorageStack.RawPrefix);
        bucket.AddEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(Ingest.Function), new NotificationKeyFilter { Prefix = StorageStack.RawPrefix });

        Relay = new MailFunction(this, "Relay", new MailFunctionOptions(Handlers.Relay, settings.FunctionsPublishDir,
            "Sends outbound mail through SES (S3 outbound/)")
        {
            Timeout = Duration.Minutes(2),
            DeadLetterQueue = true,
        }, environment);
        storage.Table.GrantReadWriteData(Relay.Function);
        // Read the submission; write and delete the cleaned copy (out_….relay.eml) the relay sends, beside it.
        DataAccess.GrantObjects(Relay.Function, bucket, DataAccess.ReadWrite, StorageStack.OutboundPrefix);
        Relay.Function.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["ses:SendEmail", "ses:SendRawEmail"],
            Resources =
            [
                ses.Identity.EmailIdentityArn,
                Arn.Format(new ArnComponents { Service = "ses", Resource = "configuration-set", ResourceName = ses.ConfigurationSet.ConfigurationSetName }, this),
            ],
        }));
        bucket.AddEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(Relay.Function), new NotificationKeyFilter { Prefix = StorageStack.OutboundPrefix });

        SesEvents = new MailFunction(this, "SesEvents", new MailFunctionOptions(Handlers.SesEvents, settings.FunctionsPublishDir,
            "Applies SES delivery, bounce and complaint events to outbound mail (SNS)")
        {
            MemoryMb = 512,
            DeadLetterQueue = true,
        }, environment);
        storage.Table.GrantReadWriteData(SesEvents.Function);
        DataAccess.GrantOpen(SesEvents.Function, bucket);
        ses.Events.AddSubscription(new LambdaSubscription(SesEvents.Function));
    }

    public MailFunction Ingest { get; }

    public MailFunction Relay { get; }

    public MailFunction SesEvents { get; }
}
