using System.Diagnostics;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.S3;
using ServerlessMail.Storage.Aws;

namespace ServerlessMail.Storage.Tests.Aws;

/// <summary>
/// dynalite (DynamoDB) and s3rver (S3), started once for every AWS test class with node from
/// <c>tools/aws-standins</c> on free loopback ports, and stopped at the end. Missing node or packages fail the tests
/// with the command that installs them: CI installs them, so a skip would only hide a broken set-up.
/// </summary>
public sealed class AwsStandIns : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private Process? _process;

    public Uri DynamoDbUrl { get; private set; } = null!;

    public Uri S3Url { get; private set; } = null!;

    /// <summary>s3rver accepts only these credentials; dynalite accepts any.</summary>
    public static AWSCredentials Credentials { get; } = new BasicAWSCredentials("S3RVER", "S3RVER");

    public AmazonDynamoDBClient CreateDynamoDb(Action<AmazonDynamoDBConfig>? configure = null)
    {
        var config = AwsClientConfigs.DynamoDb(DynamoDbUrl);
        configure?.Invoke(config);
        return new AmazonDynamoDBClient(Credentials, config);
    }

    public AmazonS3Client CreateS3(Action<AmazonS3Config>? configure = null)
    {
        var config = AwsClientConfigs.S3(S3Url);
        configure?.Invoke(config);
        return new AmazonS3Client(Credentials, config);
    }

    public async Task InitializeAsync()
    {
        var folder = FindStandInsFolder();
        if (!File.Exists(Path.Combine(folder, "node_modules", "dynalite", "package.json")) ||
            !File.Exists(Path.Combine(folder, "node_modules", "s3rver", "package.json")))
        {
            throw new InvalidOperationException($"The AWS stand-ins are not installed: run `npm ci` in {folder} (tests/setup.sh does).");
        }

        var start = new ProcessStartInfo("node", ["standins.js"])
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException("node is not installed or not on PATH; the AWS store tests need it to run dynalite and s3rver.", exception);
        }

        using var timeout = new CancellationTokenSource(StartTimeout);
        string? line;
        try
        {
            line = await _process.StandardOutput.ReadLineAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            line = null;
        }

        if (line is null)
        {
            var error = _process.HasExited ? await _process.StandardError.ReadToEndAsync() : "no answer within " + StartTimeout;
            throw new InvalidOperationException("The AWS stand-ins did not start: " + error);
        }

        using var ports = JsonDocument.Parse(line);
        DynamoDbUrl = new Uri($"http://127.0.0.1:{ports.RootElement.GetProperty("dynamodb").GetInt32()}");
        S3Url = new Uri($"http://127.0.0.1:{ports.RootElement.GetProperty("s3").GetInt32()}");
        await WaitUntilAnsweringAsync(timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }

        // Closing standard input tells the stand-ins to stop; a kill is the fallback.
        _process.StandardInput.Close();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        using var dynamo = CreateDynamoDb();
        using var s3 = CreateS3();
        while (true)
        {
            try
            {
                await dynamo.ListTablesAsync(new ListTablesRequest(), cancellationToken);
                await s3.ListBucketsAsync(cancellationToken);
                return;
            }
            catch (Exception exception) when (exception is AmazonServiceException or HttpRequestException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    private static string FindStandInsFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tools", "aws-standins");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tools/aws-standins was not found above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class AwsStandInsGroup : ICollectionFixture<AwsStandIns>
{
    public const string Name = "AWS stand-ins";
}
