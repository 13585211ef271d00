using System.Globalization;
using ServerlessMail.Storage.Tests.Aws;

namespace ServerlessMail.EndToEnd.Tests;

/// <summary>
/// Docker cannot run on the development machines, so the edge image's entrypoint and configuration are run the way
/// the container would run them: the exact ENTRYPOINT argument list from src/ServerlessMail.Cli/Dockerfile
/// (<c>serverlessmail</c> being the published app host the image links onto PATH), with the image's ENV overlaid by
/// the environment the CDK MailEdge stack sets on the task (MailEdgeStack: MailFunction.StoreEnvironment plus
/// SERVERLESSMAIL_LISTEN). Only what cannot be the same here differs: the stand-ins' endpoints for AWS, free ports for
/// 25/465/587/143/993, a temp directory for the image's /var/lib/serverlessmail. It must become ready and its
/// HEALTHCHECK command (the same bash probe, on those ports) must succeed.
/// </summary>
[Collection(AwsStandInsGroup.Name)]
public sealed class EdgeContainerTests(AwsStandIns standIns)
{
    [Fact]
    public async Task TheDockerfilesEntrypoint_WithTheTasksEnvironment_BecomesReady_AndPassesItsHealthCheck()
    {
        var image = Dockerfile.Edge;
        var name = "ctr-" + Guid.NewGuid().ToString("N")[..12];
        var credentials = new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = "S3RVER", ["AWS_SECRET_ACCESS_KEY"] = "S3RVER" };
        var standInEndpoints = new Dictionary<string, string>
        {
            ["SERVERLESSMAIL_DYNAMODB_ENDPOINT"] = standIns.DynamoDbUrl.ToString(),
            ["SERVERLESSMAIL_S3_ENDPOINT"] = standIns.S3Url.ToString(),
        };

        // The stack creates the table and bucket; here the operator's first command does.
        await ChildProcess.CliAsync(
            new Dictionary<string, string>(credentials.Concat(standInEndpoints)),
            "inbox", "create", "postmaster@edge.example", "--store", "aws", "--aws-table", name, "--aws-bucket", name, "--aws-create-missing");

        var ports = new Dictionary<int, string>
        {
            [25] = ServeProcess.FreePort(), [465] = ServeProcess.FreePort(), [587] = ServeProcess.FreePort(), [143] = ServeProcess.FreePort(), [993] = ServeProcess.FreePort(),
        };
        var data = Directory.CreateTempSubdirectory("sm-ctr-").FullName;
        var environment = image.Environment;
        Assert.Equal(["25", "465", "587", "143", "993"], new[] { "SMTP_PORT", "SUBMISSIONS_PORT", "SUBMISSION_PORT", "IMAP_PORT", "IMAPS_PORT" }.Select(p => environment["SERVERLESSMAIL_" + p]));
        foreach (var key in environment.Keys.Where(k => k.EndsWith("_PORT", StringComparison.Ordinal)).ToList())
        {
            environment[key] = ports[int.Parse(environment[key], CultureInfo.InvariantCulture)];
        }

        Assert.Equal("/var/lib/serverlessmail", environment["SERVERLESSMAIL_DATA"]);
        environment["SERVERLESSMAIL_DATA"] = data;

        // MailEdgeStack's task environment (MailFunction.StoreEnvironment with no configuration set, then LISTEN).
        var task = new Dictionary<string, string>
        {
            ["SERVERLESSMAIL_STORE"] = "aws",
            ["SERVERLESSMAIL_AWS_TABLE"] = name,
            ["SERVERLESSMAIL_AWS_BUCKET"] = name,
            ["SERVERLESSMAIL_AWS_REGION"] = "us-east-1",
            ["SERVERLESSMAIL_DOMAIN"] = "edge.example",
            ["SERVERLESSMAIL_HOSTNAME"] = "mail.edge.example",
            ["SERVERLESSMAIL_LISTEN"] = "0.0.0.0",
        };
        foreach (var (key, value) in task.Concat(standInEndpoints).Concat(credentials))
        {
            environment[key] = value;
        }

        var entrypoint = image.Entrypoint;
        Assert.Equal("serverlessmail", entrypoint[0]);
        var appHost = Path.ChangeExtension(RepositoryLayout.CliAssembly, null);
        await using var edge = await ServeProcess.StartCommandAsync(appHost, entrypoint[1..], environment, data);

        Assert.Null(edge.Api);
        Assert.Equal(int.Parse(ports[25], CultureInfo.InvariantCulture), edge.Smtp.Port);
        Assert.Equal(int.Parse(ports[993], CultureInfo.InvariantCulture), edge.Imaps.Port);
        Assert.Equal(System.Net.IPAddress.Any, edge.Smtp.Address);
        var check = image.HealthCheck.Select(a => a
            .Replace("/dev/tcp/127.0.0.1/25 ", $"/dev/tcp/127.0.0.1/{ports[25]} ", StringComparison.Ordinal)
            .Replace("/dev/tcp/127.0.0.1/143", $"/dev/tcp/127.0.0.1/{ports[143]}", StringComparison.Ordinal)).ToArray();
        Assert.NotEqual(image.HealthCheck, check);
        var (healthy, _, error) = await ChildProcess.RunAsync(check[0], check[1..]);
        Assert.True(healthy == 0, $"healthcheck {string.Join(' ', check)} exited {healthy}: {error}\n{edge.Log}");
        Assert.Contains("role edge", edge.Log, StringComparison.Ordinal);

        Assert.Equal(0, await edge.StopAsync());

        // Once stopped, the same probe fails: it checks the listeners, not merely that bash runs.
        var (stopped, _, _) = await ChildProcess.RunAsync(check[0], check[1..]);
        Assert.NotEqual(0, stopped);
    }
}
