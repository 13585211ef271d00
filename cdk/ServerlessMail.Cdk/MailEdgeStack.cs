using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.Route53;
using Amazon.CDK.AWS.Route53.Targets;
using Constructs;
using HealthCheck = Amazon.CDK.AWS.ElasticLoadBalancingV2.HealthCheck;
using Protocol = Amazon.CDK.AWS.ElasticLoadBalancingV2.Protocol;

namespace ServerlessMail.Cdk;

/// <summary>
/// The SMTP and IMAP edge: <c>serverlessmail serve --role edge --store aws</c> on ECS Fargate in private subnets,
/// behind an internet-facing Network Load Balancer that passes TCP through (the edge does its own TLS, STARTTLS
/// included, which an NLB TLS listener could not) and keeps the client's address (SMTP needs it for logs and limits).
/// </summary>
public sealed class MailEdgeStack : Stack
{
    /// <summary>SMTP (MX), submissions (implicit TLS), submission, IMAP, IMAPS.</summary>
    public static readonly IReadOnlyList<int> Ports = [25, 465, 587, 143, 993];

    public const string ContainerName = "edge";
    public const string DockerfilePath = "src/ServerlessMail.Cli/Dockerfile";

    public MailEdgeStack(Construct scope, string id, DeploySettings settings, StorageStack storage, IStackProps? props = null)
        : base(scope, id, props)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(storage);

        Vpc = new Vpc(this, "Vpc", new VpcProps
        {
            MaxAzs = 2,
            NatGateways = 1,
            SubnetConfiguration =
            [
                new SubnetConfiguration { Name = "public", SubnetType = SubnetType.PUBLIC, CidrMask = 24 },
                new SubnetConfiguration { Name = "edge", SubnetType = SubnetType.PRIVATE_WITH_EGRESS, CidrMask = 24 },
            ],
        });
        // The store's traffic stays off the NAT gateway (which bills per GB).
        Vpc.AddGatewayEndpoint("S3", new GatewayVpcEndpointOptions { Service = GatewayVpcEndpointAwsService.S3 });
        Vpc.AddGatewayEndpoint("DynamoDb", new GatewayVpcEndpointOptions { Service = GatewayVpcEndpointAwsService.DYNAMODB });

        var cluster = new Cluster(this, "Cluster", new ClusterProps { Vpc = Vpc, ContainerInsights = true });
        var task = new FargateTaskDefinition(this, "Task", new FargateTaskDefinitionProps
        {
            Cpu = 512,
            MemoryLimitMiB = 1024,
            RuntimePlatform = new RuntimePlatform { CpuArchitecture = CpuArchitecture.ARM64, OperatingSystemFamily = OperatingSystemFamily.LINUX },
        });
        storage.Table.GrantReadWriteData(task.TaskRole);
        DataAccess.GrantObjects(task.TaskRole, storage.Bucket, DataAccess.ReadWrite,
            StorageStack.RawPrefix, StorageStack.OutboundPrefix, StorageStack.AppendedPrefix);

        var environment = MailFunction.StoreEnvironment(storage, settings, configurationSet: null);
        environment["SERVERLESSMAIL_LISTEN"] = "0.0.0.0";
        if (settings.Certificate is { } certificate)
        {
            environment["SERVERLESSMAIL_TLS_CERT"] = certificate.CertificateLocation;
            environment["SERVERLESSMAIL_TLS_KEY"] = certificate.KeyLocation;
            if (certificate.Bucket is { } certificateBucket)
            {
                GrantCertificateRead(task.TaskRole, certificateBucket, certificate.KeyPrefix ?? "");
            }
        }

        var container = task.AddContainer(ContainerName, new ContainerDefinitionOptions
        {
            // The repository's .dockerignore keeps bin/, obj/, node_modules, cdk.out and tests out of the context;
            // CDK applies it when staging and hashing the asset too.
            Image = ContainerImage.FromAsset(settings.RepoRoot, new AssetImageProps
            {
                File = DockerfilePath,
                Platform = Amazon.CDK.AWS.Ecr.Assets.Platform_.LINUX_ARM64,
            }),
            Environment = environment,
            Logging = LogDriver.AwsLogs(new AwsLogDriverProps
            {
                StreamPrefix = "edge",
                LogGroup = new LogGroup(this, "Logs", new LogGroupProps { Retention = MailFunction.LogRetention, RemovalPolicy = RemovalPolicy.DESTROY }),
            }),
            // The same probe as the Dockerfile's HEALTHCHECK: the SMTP listener accepts a connection.
            HealthCheck = new Amazon.CDK.AWS.ECS.HealthCheck
            {
                Command = ["CMD", "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/25 && exec 4<>/dev/tcp/127.0.0.1/143"],
                Interval = Duration.Seconds(30),
                Timeout = Duration.Seconds(5),
                Retries = 3,
                StartPeriod = Duration.Seconds(30),
            },
        });
        foreach (var port in Ports)
        {
            container.AddPortMappings(new PortMapping { ContainerPort = port, Protocol = Amazon.CDK.AWS.ECS.Protocol.TCP });
        }

        var service = new FargateService(this, "Service", new FargateServiceProps
        {
            Cluster = cluster,
            TaskDefinition = task,
            DesiredCount = settings.EdgeTaskCount,
            VpcSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS },
            CircuitBreaker = new DeploymentCircuitBreaker { Rollback = true },
            MinHealthyPercent = 100,
            HealthCheckGracePeriod = Duration.Seconds(60),
        });
        foreach (var port in Ports)
        {
            // The NLB keeps client addresses, so the tasks see the internet, not the balancer.
            service.Connections.AllowFromAnyIpv4(Port.Tcp(port), $"mail port {port}");
        }

        var scaling = service.AutoScaleTaskCount(new Amazon.CDK.AWS.ApplicationAutoScaling.EnableScalingProps
        {
            MinCapacity = settings.EdgeTaskCount,
            MaxCapacity = settings.EdgeTaskCount * 4,
        });
        scaling.ScaleOnCpuUtilization("Cpu", new Amazon.CDK.AWS.ECS.CpuUtilizationScalingProps { TargetUtilizationPercent = 60 });

        LoadBalancer = new NetworkLoadBalancer(this, "Nlb", new NetworkLoadBalancerProps
        {
            Vpc = Vpc,
            InternetFacing = true,
            CrossZoneEnabled = true,
        });
        foreach (var port in Ports)
        {
            var listener = LoadBalancer.AddListener($"Port{port}", new BaseNetworkListenerProps { Port = port, Protocol = Protocol.TCP });
            var targets = listener.AddTargets($"Edge{port}", new AddNetworkTargetsProps
            {
                Port = port,
                Protocol = Protocol.TCP,
                Targets = [service.LoadBalancerTarget(new LoadBalancerTargetOptions { ContainerName = ContainerName, ContainerPort = port })],
                PreserveClientIp = true,
                DeregistrationDelay = Duration.Seconds(60),
                HealthCheck = new HealthCheck
                {
                    Protocol = Protocol.TCP,
                    Interval = Duration.Seconds(30),
                    HealthyThresholdCount = 2,
                    UnhealthyThresholdCount = 2,
                },
            });
            _ = targets;
        }

        var zone = settings.HostedZoneId is { } zoneId
            ? HostedZone.FromHostedZoneAttributes(this, "Zone", new HostedZoneAttributes { HostedZoneId = zoneId, ZoneName = settings.Domain })
            : null;
        // With an SES receipt rule, inbound mail goes to SES; the edge still serves submission and IMAP.
        var mxTarget = settings.SesInbound == SesInbound.ReceiptRule ? $"inbound-smtp.{Aws.REGION}.amazonaws.com" : settings.MailHost;
        var records = new List<DnsRecord> { DnsRecord.Mx(settings.Domain, mxTarget, 10) };
        if (zone is null)
        {
            records.Add(DnsRecord.Cname(settings.MailHost, LoadBalancer.LoadBalancerDnsName));
        }
        else
        {
            _ = new ARecord(this, "MailHost", new ARecordProps
            {
                Zone = zone,
                RecordName = settings.MailHost + ".",
                Target = RecordTarget.FromAlias(new LoadBalancerTarget(LoadBalancer)),
            });
        }

        DnsRecord.Publish(this, zone, records);
        _ = new CfnOutput(this, "MailHostName", new CfnOutputProps
        {
            Value = LoadBalancer.LoadBalancerDnsName,
            Description = $"SMTP/IMAP endpoint (ports {string.Join(", ", Ports)}); {settings.MailHost} points here",
        });
    }

    public Vpc Vpc { get; }

    public NetworkLoadBalancer LoadBalancer { get; }

    private static void GrantCertificateRead(IRole role, string bucket, string prefix)
    {
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["s3:GetObject"],
            Resources =
            [
                $"arn:{Aws.PARTITION}:s3:::{bucket}/{prefix}{CertificateSource.CertificateFile}",
                $"arn:{Aws.PARTITION}:s3:::{bucket}/{prefix}{CertificateSource.KeyFile}",
            ],
        }));
        // SSE-KMS objects: decrypt only when S3 asks on the task's behalf.
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["kms:Decrypt"],
            Resources = [$"arn:{Aws.PARTITION}:kms:{Aws.REGION}:{Aws.ACCOUNT_ID}:key/*"],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { ["kms:ViaService"] = $"s3.{Aws.REGION}.amazonaws.com" },
            },
        }));
    }
}
