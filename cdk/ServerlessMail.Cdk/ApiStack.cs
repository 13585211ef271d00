using System.Text.Json;
using Amazon.CDK;
using Amazon.CDK.AWS.Apigatewayv2;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AwsApigatewayv2Authorizers;
using Amazon.CDK.AwsApigatewayv2Integrations;
using Constructs;

namespace ServerlessMail.Cdk;

/// <summary>
/// The REST API on Lambda: an HTTP API whose every route goes to the unchanged ASP.NET API behind AWS Lambda Web
/// Adapter, guarded by the token authorizer (simple responses, cached per token). The API still checks permissions
/// itself; the authorizer only turns away requests without a live token before they cost an API invocation.
/// </summary>
public sealed class ApiStack : Stack
{
    /// <summary>The arm64 Lambda Web Adapter layer of deploy-contract.md, in the deploying region.</summary>
    public const string WebAdapterLayerArn = "arn:aws:lambda:${AWS::Region}:753240598075:layer:LambdaAdapterLayerArm64:25";

    public static readonly IReadOnlyDictionary<string, string> WebAdapterEnvironment = new Dictionary<string, string>
    {
        ["AWS_LAMBDA_EXEC_WRAPPER"] = "/opt/bootstrap",
        ["AWS_LWA_PORT"] = "8080",
        ["AWS_LWA_READINESS_CHECK_PATH"] = "/readyz",
    };

    public const int ThrottleRatePerSecond = 100;
    public const int ThrottleBurst = 200;

    public ApiStack(Construct scope, string id, DeploySettings settings, StorageStack storage, SesStack ses, IStackProps? props = null)
        : base(scope, id, props)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(ses);
        var environment = MailFunction.StoreEnvironment(storage, settings, ses.ConfigurationSet.ConfigurationSetName);

        Api = new MailFunction(this, "Api", new MailFunctionOptions(Handlers.Api, settings.ApiPublishDir,
            "The REST API (ASP.NET behind Lambda Web Adapter)")
        {
            Environment = WebAdapterEnvironment,
            Layers = [LayerVersion.FromLayerVersionArn(this, "WebAdapter", Fn.Sub(WebAdapterLayerArn))],
        }, environment);
        storage.Table.GrantReadWriteData(Api.Function);
        DataAccess.GrantObjects(Api.Function, storage.Bucket, DataAccess.ReadWrite,
            StorageStack.RawPrefix, StorageStack.OutboundPrefix, StorageStack.AppendedPrefix);

        Authorizer = new MailFunction(this, "Authorizer", new MailFunctionOptions(Handlers.Authorizer, settings.FunctionsPublishDir,
            "Checks API tokens for the HTTP API (simple responses)")
        {
            MemoryMb = 512,
            Timeout = Duration.Seconds(10),
        }, environment);
        storage.Table.GrantReadData(Authorizer.Function);
        DataAccess.GrantOpen(Authorizer.Function, storage.Bucket);

        var authorizer = new HttpLambdaAuthorizer("Tokens", Authorizer.Function, new HttpLambdaAuthorizerProps
        {
            ResponseTypes = [HttpLambdaResponseType.SIMPLE],
            // An HTTP API authorizer with several identity sources answers 401 when any one is missing, so only the
            // header every client sends is named; it is also the cache key.
            IdentitySource = ["$request.header.Authorization"],
            ResultsCacheTtl = Duration.Minutes(5),
        });
        HttpApi = new HttpApi(this, "Http", new HttpApiProps
        {
            Description = "ServerlessMail REST API",
            CreateDefaultStage = false,
            DefaultIntegration = new HttpLambdaIntegration("ApiFunction", Api.Function),
            DefaultAuthorizer = authorizer,
        });

        var accessLogs = new LogGroup(this, "AccessLogs", new LogGroupProps { Retention = MailFunction.LogRetention, RemovalPolicy = RemovalPolicy.DESTROY });
        var stage = new HttpStage(this, "DefaultStage", new HttpStageProps
        {
            HttpApi = HttpApi,
            StageName = "$default",
            AutoDeploy = true,
            Throttle = new ThrottleSettings { RateLimit = ThrottleRatePerSecond, BurstLimit = ThrottleBurst },
        });

        // HttpStage has no access-log property in 2.160.0; set it on the CloudFormation stage. No header values are
        // logged, so the Authorization token never reaches the log.
        var cfnStage = (CfnStage)stage.Node.DefaultChild!;
        cfnStage.AccessLogSettings = new CfnStage.AccessLogSettingsProperty
        {
            DestinationArn = accessLogs.LogGroupArn,
            Format = JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["requestId"] = "$context.requestId",
                ["ip"] = "$context.identity.sourceIp",
                ["time"] = "$context.requestTime",
                ["method"] = "$context.httpMethod",
                ["path"] = "$context.path",
                ["status"] = "$context.status",
                ["latencyMs"] = "$context.responseLatency",
                ["authorizerError"] = "$context.authorizer.error",
                ["integrationError"] = "$context.integrationErrorMessage",
            }),
        };

        _ = new CfnOutput(this, "ApiUrl", new CfnOutputProps { Value = stage.Url, Description = "The REST API's base URL" });
    }

    public MailFunction Api { get; }

    public MailFunction Authorizer { get; }

    public HttpApi HttpApi { get; }
}
