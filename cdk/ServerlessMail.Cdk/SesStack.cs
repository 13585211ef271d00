using Amazon.CDK;
using Amazon.CDK.AWS.Route53;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.SES;
using Amazon.CDK.AWS.SNS;
using Constructs;

namespace ServerlessMail.Cdk;

/// <summary>
/// Sending identity and feedback: the domain identity with Easy DKIM, a configuration set whose events (send,
/// delivery, bounce, complaint, reject, delay) go to an SNS topic that the Processing stack's SES-events function
/// subscribes to, and optionally an inbound receipt rule set writing to raw/. Changes with the domain, not the code.
/// </summary>
public sealed class SesStack : Stack
{
    public SesStack(Construct scope, string id, DeploySettings settings, StorageStack storage, IStackProps? props = null)
        : base(scope, id, props)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(storage);
        Zone = settings.HostedZoneId is { } zoneId
            ? PublicHostedZone.FromPublicHostedZoneAttributes(this, "Zone", new PublicHostedZoneAttributes { HostedZoneId = zoneId, ZoneName = settings.Domain })
            : null;

        Events = new Topic(this, "Events", new TopicProps { EnforceSSL = true });
        ConfigurationSet = new ConfigurationSet(this, "ConfigurationSet", new ConfigurationSetProps
        {
            ConfigurationSetName = "serverlessmail-" + settings.Domain.Replace('.', '-'),
            ReputationMetrics = true,
            SendingEnabled = true,
        });
        ConfigurationSet.AddEventDestination("ToSns", new ConfigurationSetEventDestinationOptions
        {
            Destination = EventDestination.SnsTopic(Events),
            Events =
            [
                EmailSendingEvent.SEND, EmailSendingEvent.DELIVERY, EmailSendingEvent.BOUNCE,
                EmailSendingEvent.COMPLAINT, EmailSendingEvent.REJECT, EmailSendingEvent.DELIVERY_DELAY,
            ],
        });

        // With a hosted zone, EmailIdentity writes the three DKIM CNAMEs itself.
        Identity = new EmailIdentity(this, "Domain", new EmailIdentityProps
        {
            Identity = Zone is null ? Amazon.CDK.AWS.SES.Identity.Domain(settings.Domain) : Amazon.CDK.AWS.SES.Identity.PublicHostedZone(Zone),
            ConfigurationSet = ConfigurationSet,
            DkimSigning = true,
            DkimIdentity = DkimIdentity.EasyDkim(EasyDkimSigningKeyLength.RSA_2048_BIT),
        });

        if (settings.SesInbound == SesInbound.ReceiptRule)
        {
            var bucket = Bucket.FromBucketName(this, "MailBucket", storage.Bucket.BucketName);
            var rules = new ReceiptRuleSet(this, "Inbound", new ReceiptRuleSetProps { DropSpam = false });
            rules.AddRule("ToRaw", new ReceiptRuleOptions
            {
                Recipients = [settings.Domain],
                ScanEnabled = true,
                TlsPolicy = TlsPolicy.REQUIRE,
                Actions = [new Amazon.CDK.AWS.SES.Actions.S3(new Amazon.CDK.AWS.SES.Actions.S3Props { Bucket = bucket, ObjectKeyPrefix = StorageStack.RawPrefix })],
            });
            _ = new CfnOutput(this, "ReceiptRuleSet", new CfnOutputProps
            {
                Value = rules.ReceiptRuleSetName,
                Description = "Activate it once: aws ses set-active-receipt-rule-set --rule-set-name <this>",
            });
        }

        var records = new List<DnsRecord>
        {
            DnsRecord.Txt(settings.Domain, "v=spf1 include:amazonses.com -all"),
            DnsRecord.Txt("_dmarc." + settings.Domain, $"v=DMARC1; p=quarantine; rua=mailto:postmaster@{settings.Domain}"),
        };
        if (Zone is null)
        {
            records.Add(DnsRecord.Cname(Identity.DkimDnsTokenName1, Identity.DkimDnsTokenValue1));
            records.Add(DnsRecord.Cname(Identity.DkimDnsTokenName2, Identity.DkimDnsTokenValue2));
            records.Add(DnsRecord.Cname(Identity.DkimDnsTokenName3, Identity.DkimDnsTokenValue3));
        }

        DnsRecord.Publish(this, Zone, records);
        _ = new CfnOutput(this, "ConfigurationSetName", new CfnOutputProps { Value = ConfigurationSet.ConfigurationSetName });
    }

    public IPublicHostedZone? Zone { get; }

    public Topic Events { get; }

    public ConfigurationSet ConfigurationSet { get; }

    public EmailIdentity Identity { get; }
}
