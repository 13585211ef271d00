using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Constructs;

namespace ServerlessMail.Cdk;

/// <summary>What differs between the functions; everything else is <see cref="MailFunction"/>'s defaults.</summary>
public sealed record MailFunctionOptions(string Handler, string CodeDirectory, string Description)
{
    public int MemoryMb { get; init; } = MailFunction.DefaultMemoryMb;

    public Duration? Timeout { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<ILayerVersion> Layers { get; init; } = [];

    /// <summary>Async invocations (S3, SNS) that still fail after Lambda's retries land in an SQS dead-letter queue.</summary>
    public bool DeadLetterQueue { get; init; }
}

/// <summary>
/// The Lambda defaults every ServerlessMail function shares: the managed dotnet10 runtime (2.160.0 has no constant
/// for it), arm64 (cheaper per GB-second), X-Ray tracing, a log group with a retention, and an errors alarm.
/// </summary>
public sealed class MailFunction : Construct
{
    public const int DefaultMemoryMb = 1024;
    public const RetentionDays LogRetention = RetentionDays.ONE_MONTH;
    public static readonly Runtime Dotnet10 = new("dotnet10", RuntimeFamily.DOTNET_CORE);

    public MailFunction(Construct scope, string id, MailFunctionOptions options, IReadOnlyDictionary<string, string> commonEnvironment)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(commonEnvironment);
        if (!Directory.Exists(options.CodeDirectory))
        {
            // Fail with the fix rather than CDK's bare "Cannot find asset".
            throw new ArgumentException(
                $"{options.CodeDirectory} does not exist: publish the functions first (see cdk/README.md), or point " +
                $"-c {DeploySettings.FunctionsPublishDirKey}= / -c {DeploySettings.ApiPublishDirKey}= at the output.");
        }

        var logs = new LogGroup(this, "Logs", new LogGroupProps
        {
            Retention = LogRetention,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
        var environment = new Dictionary<string, string>(commonEnvironment);
        foreach (var (name, value) in options.Environment)
        {
            environment[name] = value;
        }

        if (options.DeadLetterQueue)
        {
            DeadLetters = new Amazon.CDK.AWS.SQS.Queue(this, "DeadLetters", new Amazon.CDK.AWS.SQS.QueueProps
            {
                RetentionPeriod = Duration.Days(14),
                EnforceSSL = true,
                Encryption = Amazon.CDK.AWS.SQS.QueueEncryption.SQS_MANAGED,
            });
        }

        Function = new Function(this, "Function", new FunctionProps
        {
            Runtime = Dotnet10,
            Architecture = Architecture.ARM_64,
            Handler = options.Handler,
            Code = Code.FromAsset(options.CodeDirectory),
            Description = options.Description,
            MemorySize = options.MemoryMb,
            Timeout = options.Timeout ?? Duration.Seconds(30),
            Tracing = Tracing.ACTIVE,
            LogGroup = logs,
            Environment = environment,
            Layers = [.. options.Layers],
            DeadLetterQueue = DeadLetters,
            RetryAttempts = options.DeadLetterQueue ? 2 : null,
        });

        ErrorsAlarm = AlarmAtOne("Errors", $"{id}: invocations failed",
            Function.MetricErrors(new MetricOptions { Period = Duration.Minutes(5), Statistic = "Sum" }));
        if (DeadLetters is not null)
        {
            DeadLettersAlarm = AlarmAtOne("DeadLetterDepth", $"{id}: events gave up after retries and wait in the dead-letter queue",
                DeadLetters.MetricApproximateNumberOfMessagesVisible(new MetricOptions { Period = Duration.Minutes(5), Statistic = "Maximum" }));
        }
    }

    public Function Function { get; }

    public Amazon.CDK.AWS.SQS.Queue? DeadLetters { get; }

    public Alarm ErrorsAlarm { get; }

    public Alarm? DeadLettersAlarm { get; }

    /// <summary>One bad event is worth a look: alarm at the first error in five minutes; quiet periods are fine.</summary>
    private Alarm AlarmAtOne(string id, string description, IMetric metric) => new(this, id, new AlarmProps
    {
        AlarmDescription = description,
        Metric = metric,
        Threshold = 1,
        EvaluationPeriods = 1,
        ComparisonOperator = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        TreatMissingData = TreatMissingData.NOT_BREACHING,
    });

    /// <summary>The variables of deploy-contract.md that every function and the edge read.</summary>
    public static Dictionary<string, string> StoreEnvironment(StorageStack storage, DeploySettings settings, string? configurationSet)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(settings);
        var environment = new Dictionary<string, string>
        {
            ["SERVERLESSMAIL_STORE"] = "aws",
            ["SERVERLESSMAIL_AWS_TABLE"] = storage.Table.TableName,
            ["SERVERLESSMAIL_AWS_BUCKET"] = storage.Bucket.BucketName,
            ["SERVERLESSMAIL_AWS_REGION"] = Aws.REGION,
            ["SERVERLESSMAIL_DOMAIN"] = settings.Domain,
            ["SERVERLESSMAIL_HOSTNAME"] = settings.MailHost,
        };
        if (configurationSet is not null)
        {
            environment["SERVERLESSMAIL_SES_CONFIGURATION_SET"] = configurationSet;
        }

        return environment;
    }
}
