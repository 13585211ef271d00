using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;

namespace ServerlessMail.Cdk.Tests;

/// <summary>Template assertions per stack, on the default parameters (one synthesis for the class).</summary>
public sealed class DefaultTemplateTests(DefaultSynth synth) : IClassFixture<DefaultSynth>
{
    [Fact]
    public void Resource_counts_per_stack()
    {
        synth.Storage.ResourceCountIs("AWS::S3::Bucket", 1);
        synth.Storage.ResourceCountIs("AWS::DynamoDB::Table", 1);
        synth.Processing.ResourceCountIs("AWS::Lambda::Function", 4); // ingest, relay, SES events + CDK's notifications handler
        synth.Processing.ResourceCountIs("AWS::SQS::Queue", 3);
        synth.Processing.ResourceCountIs("AWS::CloudWatch::Alarm", 6);
        synth.Processing.ResourceCountIs("Custom::S3BucketNotifications", 1);
        synth.Processing.ResourceCountIs("AWS::SNS::Subscription", 1);
        synth.Api.ResourceCountIs("AWS::Lambda::Function", 2);
        synth.Api.ResourceCountIs("AWS::ApiGatewayV2::Api", 1);
        synth.Api.ResourceCountIs("AWS::ApiGatewayV2::Authorizer", 1);
        synth.Api.ResourceCountIs("AWS::ApiGatewayV2::Stage", 1);
        synth.MailEdge.ResourceCountIs("AWS::ECS::Service", 1);
        synth.MailEdge.ResourceCountIs("AWS::ElasticLoadBalancingV2::LoadBalancer", 1);
        synth.MailEdge.ResourceCountIs("AWS::ElasticLoadBalancingV2::Listener", 5);
        synth.MailEdge.ResourceCountIs("AWS::ElasticLoadBalancingV2::TargetGroup", 5);
        synth.MailEdge.ResourceCountIs("AWS::ApplicationAutoScaling::ScalableTarget", 1);
        synth.Ses.ResourceCountIs("AWS::SES::ConfigurationSet", 1);
        synth.Ses.ResourceCountIs("AWS::SES::ConfigurationSetEventDestination", 1);
        synth.Ses.ResourceCountIs("AWS::SES::EmailIdentity", 1);
        synth.Ses.ResourceCountIs("AWS::SES::ReceiptRuleSet", 0);
        synth.Ses.ResourceCountIs("AWS::Route53::RecordSet", 0);
    }

    [Fact]
    public void Every_mail_function_runs_dotnet10_on_arm64_with_tracing_and_the_store_environment()
    {
        var functions = SynthFixture.Resources(synth.Processing, "AWS::Lambda::Function")
            .Concat(SynthFixture.Resources(synth.Api, "AWS::Lambda::Function"))
            .Where(f => (string?)f["Properties"]!["Handler"] != "index.handler") // CDK's own notifications handler
            .ToList();
        Assert.Equal(5, functions.Count);
        foreach (var function in functions)
        {
            var properties = function["Properties"]!;
            Assert.Equal("dotnet10", (string?)properties["Runtime"]);
            Assert.Equal("arm64", (string?)properties["Architectures"]![0]);
            Assert.Equal("Active", (string?)properties["TracingConfig"]!["Mode"]);
            var variables = properties["Environment"]!["Variables"]!.AsObject();
            Assert.Equal("aws", (string?)variables["SERVERLESSMAIL_STORE"]);
            Assert.Equal("mail.example.test", (string?)variables["SERVERLESSMAIL_DOMAIN"]);
            Assert.True(variables.ContainsKey("SERVERLESSMAIL_AWS_TABLE"));
            Assert.True(variables.ContainsKey("SERVERLESSMAIL_AWS_BUCKET"));
            Assert.True(variables.ContainsKey("SERVERLESSMAIL_SES_CONFIGURATION_SET"));
        }

        var handlers = functions.Select(f => (string)f["Properties"]!["Handler"]!).Order(StringComparer.Ordinal);
        Assert.Equal([.. Handlers.Functions.Append(Handlers.Api).Order(StringComparer.Ordinal)], handlers);
    }

    [Fact]
    public void Log_groups_have_a_retention()
    {
        foreach (var template in synth.All)
        {
            foreach (var group in SynthFixture.Resources(template, "AWS::Logs::LogGroup"))
            {
                Assert.Equal(30, (int?)group["Properties"]!["RetentionInDays"]);
            }
        }

        Assert.Equal(5, SynthFixture.Resources(synth.Processing, "AWS::Logs::LogGroup").Count()
            + SynthFixture.Resources(synth.Api, "AWS::Logs::LogGroup").Count() - 1); // minus the API access log
    }

    [Fact]
    public void Iam_grants_name_their_actions()
    {
        foreach (var template in synth.All)
        {
            foreach (var policy in SynthFixture.Resources(template, "AWS::IAM::Policy"))
            {
                foreach (var statement in policy["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray())
                {
                    var actions = statement!["Action"] is JsonArray list ? list.Select(a => (string)a!) : [(string)statement["Action"]!];
                    var resources = statement["Resource"]?.ToJsonString() ?? "";
                    var onData = resources.Contains("Mail", StringComparison.Ordinal) || resources.Contains("Metadata", StringComparison.Ordinal)
                        || resources.Contains("ImportValue", StringComparison.Ordinal);
                    foreach (var action in actions)
                    {
                        Assert.NotEqual("*", action);
                        Assert.False(action.EndsWith(":*", StringComparison.Ordinal), $"{action} grants a whole service");
                        if (onData && (action.StartsWith("s3:", StringComparison.Ordinal) || action.StartsWith("dynamodb:", StringComparison.Ordinal)))
                        {
                            Assert.DoesNotContain('*', action);
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void Each_function_reaches_only_its_prefix_of_the_bucket()
    {
        var policies = SynthFixture.Resources(synth.Processing, "AWS::IAM::Policy").Select(p => p.ToJsonString()).ToList();
        Assert.Contains(policies, p => p.Contains("\"s3:GetObject\"", StringComparison.Ordinal) && p.Contains("/raw/*", StringComparison.Ordinal));
        Assert.Contains(policies, p => p.Contains("\"s3:GetObject\"", StringComparison.Ordinal) && p.Contains("/outbound/*", StringComparison.Ordinal));
        Assert.DoesNotContain(policies, p => p.Contains("s3:PutObject", StringComparison.Ordinal) && p.Contains("/raw/*", StringComparison.Ordinal));
        Assert.DoesNotContain(policies, p => p.Contains("arn:aws:s3:::*", StringComparison.Ordinal));
        Assert.Contains(policies, p => p.Contains("ses:SendRawEmail", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_role_that_opens_the_store_may_list_the_bucket()
    {
        // S3BlobStore.InitializeAsync checks the bucket with ListObjectsV2, so the edge and every function need
        // s3:ListBucket on the bucket itself, or they fail to start with AccessDenied on real AWS.
        var roles = new List<string>();
        foreach (var template in new[] { synth.Processing, synth.Api, synth.MailEdge })
        {
            var policies = SynthFixture.Resources(template, "AWS::IAM::Policy").ToList();
            var listing = policies.Where(p => p["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray().Any(s => s!["Action"]?.ToJsonString() == "\"s3:ListBucket\""));
            roles.AddRange(listing.SelectMany(p => p["Properties"]!["Roles"]!.AsArray().Select(r => r!.ToJsonString())));
        }

        // Ingest, relay, SES events (processing), the API and its authorizer (api), the edge task (mail edge).
        Assert.Equal(6, roles.Distinct().Count());
    }

    [Fact]
    public void The_bucket_is_private_encrypted_tls_only_retained_and_has_lifecycle_rules()
    {
        synth.Storage.HasResource("AWS::S3::Bucket", new Dictionary<string, object>
        {
            ["DeletionPolicy"] = "Retain",
            ["Properties"] = new Dictionary<string, object>
            {
                ["PublicAccessBlockConfiguration"] = new Dictionary<string, object>
                {
                    ["BlockPublicAcls"] = true, ["BlockPublicPolicy"] = true, ["IgnorePublicAcls"] = true, ["RestrictPublicBuckets"] = true,
                },
                ["BucketEncryption"] = Match.ObjectLike(new Dictionary<string, object>
                {
                    ["ServerSideEncryptionConfiguration"] = new object[]
                    {
                        new Dictionary<string, object> { ["ServerSideEncryptionByDefault"] = new Dictionary<string, object> { ["SSEAlgorithm"] = "AES256" } },
                    },
                }),
                ["LifecycleConfiguration"] = Match.ObjectLike(new Dictionary<string, object> { ["Rules"] = Match.AnyValue() }),
            },
        });
        var policy = SynthFixture.Resources(synth.Storage, "AWS::S3::BucketPolicy").Single().ToJsonString();
        Assert.Contains("aws:SecureTransport", policy, StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_has_the_keys_and_indexes_of_docs_storage_md_pitr_and_retain()
    {
        var table = SynthFixture.Resources(synth.Storage, "AWS::DynamoDB::Table").Single();
        Assert.Equal("Retain", (string?)table["DeletionPolicy"]);
        var properties = table["Properties"]!;
        Assert.Equal("PAY_PER_REQUEST", (string?)properties["BillingMode"]);
        Assert.True((bool)properties["PointInTimeRecoverySpecification"]!["PointInTimeRecoveryEnabled"]!);
        Assert.Equal("ttl", (string?)properties["TimeToLiveSpecification"]!["AttributeName"]);
        Assert.Equal(["PK:HASH", "SK:RANGE"], Keys(properties["KeySchema"]!));
        var globals = properties["GlobalSecondaryIndexes"]!.AsArray().ToDictionary(i => (string)i!["IndexName"]!, i => i!);
        Assert.Equal(["G1PK:HASH", "G1SK:RANGE"], Keys(globals["GSI1"]["KeySchema"]!));
        Assert.Equal("ALL", (string?)globals["GSI1"]["Projection"]!["ProjectionType"]);
        Assert.Equal(["G2PK:HASH", "G2SK:RANGE"], Keys(globals["GSI2"]["KeySchema"]!));
        Assert.Equal("KEYS_ONLY", (string?)globals["GSI2"]["Projection"]!["ProjectionType"]);
        Assert.Equal(["G3PK:HASH", "G3SK:RANGE"], Keys(globals["GSI3"]["KeySchema"]!));
        Assert.Equal("KEYS_ONLY", (string?)globals["GSI3"]["Projection"]!["ProjectionType"]);
        var local = properties["LocalSecondaryIndexes"]!.AsArray().Single()!;
        Assert.Equal("LSI1", (string?)local["IndexName"]);
        Assert.Equal(["PK:HASH", "ms:RANGE"], Keys(local["KeySchema"]!));
        var types = properties["AttributeDefinitions"]!.AsArray().ToDictionary(a => (string)a!["AttributeName"]!, a => (string)a!["AttributeType"]!);
        Assert.Equal("N", types["ms"]);
    }

    [Fact]
    public void S3_notifications_send_raw_to_ingest_and_outbound_to_relay()
    {
        var notifications = SynthFixture.Resources(synth.Processing, "Custom::S3BucketNotifications").Single()["Properties"]!["NotificationConfiguration"]!;
        var configurations = notifications["LambdaFunctionConfigurations"]!.AsArray();
        var byPrefix = configurations.ToDictionary(
            c => (string)c!["Filter"]!["Key"]!["FilterRules"]![0]!["Value"]!,
            c => c!["LambdaFunctionArn"]!["Fn::GetAtt"]![0]!.ToString());
        Assert.StartsWith("IngestFunction", byPrefix["raw/"], StringComparison.Ordinal);
        Assert.StartsWith("RelayFunction", byPrefix["outbound/"], StringComparison.Ordinal);
    }

    [Fact]
    public void Async_functions_have_dead_letter_queues_and_alarms_on_them()
    {
        var withQueue = SynthFixture.Resources(synth.Processing, "AWS::Lambda::Function")
            .Count(f => f["Properties"]!["DeadLetterConfig"] is not null);
        Assert.Equal(3, withQueue);
        var alarms = SynthFixture.Resources(synth.Processing, "AWS::CloudWatch::Alarm").Select(a => (string)a["Properties"]!["MetricName"]!).ToList();
        Assert.Equal(3, alarms.Count(m => m == "Errors"));
        Assert.Equal(3, alarms.Count(m => m == "ApproximateNumberOfMessagesVisible"));
    }

    [Fact]
    public void The_api_function_runs_behind_lambda_web_adapter()
    {
        var api = SynthFixture.Resources(synth.Api, "AWS::Lambda::Function").Single(f => (string?)f["Properties"]!["Handler"] == "run.sh")["Properties"]!;
        Assert.Equal("dotnet10", (string?)api["Runtime"]);
        var layer = api["Layers"]!.AsArray().Single()!["Fn::Sub"]!.ToString();
        Assert.Equal("arn:aws:lambda:${AWS::Region}:753240598075:layer:LambdaAdapterLayerArm64:25", layer);
        var variables = api["Environment"]!["Variables"]!;
        Assert.Equal("/opt/bootstrap", (string?)variables["AWS_LAMBDA_EXEC_WRAPPER"]);
        Assert.Equal("8080", (string?)variables["AWS_LWA_PORT"]);
        Assert.Equal("/readyz", (string?)variables["AWS_LWA_READINESS_CHECK_PATH"]);
    }

    [Fact]
    public void The_http_api_has_a_cached_simple_authorizer_throttling_and_access_logs()
    {
        synth.Api.HasResourceProperties("AWS::ApiGatewayV2::Authorizer", new Dictionary<string, object>
        {
            ["AuthorizerType"] = "REQUEST",
            ["EnableSimpleResponses"] = true,
            ["AuthorizerPayloadFormatVersion"] = "2.0",
            ["AuthorizerResultTtlInSeconds"] = 300,
            ["IdentitySource"] = new[] { "$request.header.Authorization" },
        });
        var stage = SynthFixture.Resources(synth.Api, "AWS::ApiGatewayV2::Stage").Single()["Properties"]!;
        Assert.Equal(100, (double)stage["DefaultRouteSettings"]!["ThrottlingRateLimit"]!);
        Assert.Equal(200, (int)stage["DefaultRouteSettings"]!["ThrottlingBurstLimit"]!);
        var format = (string)stage["AccessLogSettings"]!["Format"]!;
        Assert.Contains("$context.requestId", format, StringComparison.Ordinal);
        Assert.DoesNotContain("header", format, StringComparison.OrdinalIgnoreCase);
        synth.Api.HasOutput("ApiUrl", Match.AnyValue());
    }

    [Fact]
    public void The_nlb_listens_on_the_five_mail_ports_over_tcp()
    {
        var listeners = SynthFixture.Resources(synth.MailEdge, "AWS::ElasticLoadBalancingV2::Listener")
            .Select(l => ((int)l["Properties"]!["Port"]!, (string)l["Properties"]!["Protocol"]!))
            .Order()
            .ToList();
        Assert.Equal([(25, "TCP"), (143, "TCP"), (465, "TCP"), (587, "TCP"), (993, "TCP")], listeners);
        foreach (var group in SynthFixture.Resources(synth.MailEdge, "AWS::ElasticLoadBalancingV2::TargetGroup"))
        {
            Assert.Equal("ip", (string?)group["Properties"]!["TargetType"]);
            Assert.Equal("TCP", (string?)group["Properties"]!["HealthCheckProtocol"]);
        }

        synth.MailEdge.HasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", new Dictionary<string, object>
        {
            ["Type"] = "network",
            ["Scheme"] = "internet-facing",
        });
    }

    [Fact]
    public void The_edge_runs_the_container_asset_with_the_store_environment_and_scales()
    {
        var container = SynthFixture.Resources(synth.MailEdge, "AWS::ECS::TaskDefinition").Single()["Properties"]!["ContainerDefinitions"]![0]!;
        var environment = container["Environment"]!.AsArray().ToDictionary(e => (string)e!["Name"]!, e => e!["Value"]!.ToJsonString());
        Assert.Equal("\"aws\"", environment["SERVERLESSMAIL_STORE"]);
        Assert.Equal("\"0.0.0.0\"", environment["SERVERLESSMAIL_LISTEN"]);
        Assert.Contains("SERVERLESSMAIL_AWS_TABLE", environment.Keys);
        Assert.Contains("SERVERLESSMAIL_AWS_BUCKET", environment.Keys);
        Assert.DoesNotContain("SERVERLESSMAIL_TLS_CERT", environment.Keys);
        Assert.Equal([25, 465, 587, 143, 993], container["PortMappings"]!.AsArray().Select(p => (int)p!["ContainerPort"]!));
        Assert.NotNull(container["HealthCheck"]);
        Assert.Contains("container-assets", container["Image"]!.ToJsonString(), StringComparison.Ordinal);
        synth.MailEdge.HasResourceProperties("AWS::ECS::Service", new Dictionary<string, object> { ["DesiredCount"] = 2, ["LaunchType"] = "FARGATE" });
        synth.MailEdge.HasResourceProperties("AWS::ApplicationAutoScaling::ScalableTarget", new Dictionary<string, object> { ["MinCapacity"] = 2, ["MaxCapacity"] = 8 });
    }

    [Fact]
    public void Without_a_hosted_zone_the_dns_records_are_outputs()
    {
        var outputs = SynthFixture.Json(synth.Ses)["Outputs"]!.AsObject().Concat(SynthFixture.Json(synth.MailEdge)["Outputs"]!.AsObject())
            .Where(o => o.Key.StartsWith("Dns", StringComparison.Ordinal))
            .Select(o => o.Value!["Value"]!.ToJsonString())
            .ToList();
        Assert.Equal(7, outputs.Count); // SPF, DMARC, 3 DKIM CNAMEs, MX, the mail host CNAME
        Assert.Contains(outputs, o => o.Contains("v=spf1 include:amazonses.com -all", StringComparison.Ordinal));
        Assert.Contains(outputs, o => o.Contains("_dmarc.mail.example.test TXT", StringComparison.Ordinal));
        Assert.Contains(outputs, o => o.Contains("mail.example.test MX 10 mail.mail.example.test", StringComparison.Ordinal));
        synth.MailEdge.HasOutput("MailHostName", Match.AnyValue());
        synth.Storage.HasOutput("BucketName", Match.AnyValue());
        synth.Storage.HasOutput("TableName", Match.AnyValue());
    }

    [Fact]
    public void The_configuration_set_reports_to_sns_and_the_topic_feeds_the_ses_events_function()
    {
        var destination = SynthFixture.Resources(synth.Ses, "AWS::SES::ConfigurationSetEventDestination").Single()["Properties"]!["EventDestination"]!;
        Assert.NotNull(destination["SnsDestination"]);
        Assert.Equal(["bounce", "complaint", "delivery", "deliveryDelay", "reject", "send"],
            destination["MatchingEventTypes"]!.AsArray().Select(e => (string)e!).Order(StringComparer.Ordinal));
        var subscription = SynthFixture.Resources(synth.Processing, "AWS::SNS::Subscription").Single()["Properties"]!;
        Assert.Equal("lambda", (string?)subscription["Protocol"]);
        Assert.StartsWith("SesEventsFunction", subscription["Endpoint"]!["Fn::GetAtt"]![0]!.ToString(), StringComparison.Ordinal);
        synth.Ses.HasResourceProperties("AWS::SES::EmailIdentity", new Dictionary<string, object>
        {
            ["EmailIdentity"] = "mail.example.test",
            ["DkimSigningAttributes"] = new Dictionary<string, object> { ["NextSigningKeyLength"] = "RSA_2048_BIT" },
        });
    }

    private static string[] Keys(JsonNode schema) =>
        [.. schema.AsArray().Select(k => $"{(string)k!["AttributeName"]!}:{(string)k["KeyType"]!}")];
}
