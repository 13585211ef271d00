using System.Text;
using System.Text.Json.Nodes;
using ServerlessMail.Core;
using ServerlessMail.Relay.Tests;
using ServerlessMail.Storage.Tests.Aws;
using ServerlessMail.Storage.Tests.Contract;

namespace ServerlessMail.Functions.Tests;

/// <summary>dynalite, s3rver and aws-ses-v2-local, started once for every class in the collection.</summary>
[CollectionDefinition(Name)]
public sealed class ServerlessStandIns : ICollectionFixture<AwsStandIns>, ICollectionFixture<SesLocal>
{
    public const string Name = "serverless stand-ins";
}

/// <summary>
/// One test's deployment: a fresh table and bucket on the stand-ins, the handlers' <see cref="FunctionHost"/> opened
/// from <c>SERVERLESSMAIL_*</c> variables exactly as a Lambda instance opens it, and a seeded account with the
/// domain example.com and the inbox alice@example.com.
/// </summary>
public sealed class ServerlessWorld : IAsyncDisposable
{
    private ServerlessWorld(FunctionHost host, IReadOnlyDictionary<string, string> environment, ManualClock clock)
    {
        Host = host;
        Environment = environment;
        Clock = clock;
    }

    public FunctionHost Host { get; }

    public IReadOnlyDictionary<string, string> Environment { get; }

    public ManualClock Clock { get; }

    public Account Account { get; private set; } = null!;

    public Inbox Inbox { get; private set; } = null!;

    public static async Task<ServerlessWorld> CreateAsync(AwsStandIns aws, SesLocal ses)
    {
        // The SDK's default credential chain reads these, as in Lambda; s3rver accepts only this pair.
        System.Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "S3RVER");
        System.Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "S3RVER");
        var environment = EnvironmentFor(aws, ses);
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var world = new ServerlessWorld(await FunctionHost.OpenAsync(environment, clock), environment, clock);
        await world.SeedAsync();
        return world;
    }

    /// <summary>The variables the contract names, for a new table and bucket (created on first open, as stand-ins need).</summary>
    public static Dictionary<string, string> EnvironmentFor(AwsStandIns aws, SesLocal ses)
    {
        var name = "fn-" + Guid.NewGuid().ToString("N")[..16];
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["SERVERLESSMAIL_STORE"] = "aws",
            ["SERVERLESSMAIL_AWS_TABLE"] = name,
            ["SERVERLESSMAIL_AWS_BUCKET"] = name,
            ["AWS_REGION"] = "us-east-1",
            ["SERVERLESSMAIL_DYNAMODB_ENDPOINT"] = aws.DynamoDbUrl.ToString(),
            ["SERVERLESSMAIL_S3_ENDPOINT"] = aws.S3Url.ToString(),
            ["SERVERLESSMAIL_SES_ENDPOINT"] = ses.Endpoint.ToString(),
            ["SERVERLESSMAIL_SES_CONFIGURATION_SET"] = "serverlessmail-events",
            ["SERVERLESSMAIL_DOMAIN"] = "example.com",
            ["SERVERLESSMAIL_HOSTNAME"] = "mx.example.com",
            ["SERVERLESSMAIL_AWS_CREATE_MISSING"] = "true",
        };
    }

    public IngestFunction Ingest() => new(Host);

    public RelayFunction Relay() => new(Host);

    public SesEventsFunction SesEvents() => new(Host);

    public AuthorizerFunction Authorizer() => new(Host);

    public MailIngestService IngestService => Host.Ingest;

    public Principal Sender => new(Account.Id, "tok_sender", null, TokenPermissions.Send);

    /// <summary>An events/ file, parsed, for the test to fill in.</summary>
    public static JsonNode Event(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryLayout.Root, "events", file)))!;

    /// <summary>An S3 event from <paramref name="file"/> naming <paramref name="key"/> in this world's bucket.</summary>
    public Stream S3Event(string file, string key, long size)
    {
        var node = Event(file);
        var s3 = node["Records"]![0]!["s3"]!;
        s3["bucket"]!["name"] = Environment["SERVERLESSMAIL_AWS_BUCKET"];
        s3["object"]!["key"] = Uri.EscapeDataString(key).Replace("%2F", "/", StringComparison.Ordinal);
        s3["object"]!["size"] = size;
        return Json(node);
    }

    /// <summary>An SNS-wrapped SES event from <paramref name="file"/> about <paramref name="providerId"/>.</summary>
    public static Stream SesEvent(string file, string providerId, string? snsMessageId = null)
    {
        var node = Event(file);
        var sns = node["Records"]![0]!["Sns"]!;
        var message = JsonNode.Parse(sns["Message"]!.GetValue<string>())!;
        message["mail"]!["messageId"] = providerId;
        sns["Message"] = message.ToJsonString();
        if (snsMessageId is not null)
        {
            sns["MessageId"] = snsMessageId;
        }

        return Json(node);
    }

    public static Stream Json(JsonNode node) => new MemoryStream(Encoding.UTF8.GetBytes(node.ToJsonString()));

    public static async Task<JsonNode> ReadAsync(Stream response)
    {
        using var reader = new StreamReader(response);
        return JsonNode.Parse(await reader.ReadToEndAsync())!;
    }

    public static byte[] Mail(string from, string to, string subject, string? cc = null) => Encoding.ASCII.GetBytes(
        $"From: {from}\r\nTo: {to}\r\n" + (cc is null ? string.Empty : $"Cc: {cc}\r\n") +
        $"Subject: {subject}\r\nMessage-ID: <{Guid.NewGuid():N}@example.net>\r\nDate: Fri, 04 Dec 2026 18:30:00 +0000\r\n\r\nHello.\r\n");

    public async Task<IReadOnlyList<StoredMessage>> InboxMessagesAsync(Inbox? inbox = null)
    {
        var folder = await Host.Store.FindFolderAsync((inbox ?? Inbox).Id, Folder.InboxName) ?? throw new InvalidOperationException("no INBOX");
        var page = await Host.Store.ListMessagesAsync(folder.Id, new MessageQuery(), new PageRequest());
        return page.Items;
    }

    public async Task<Inbox> AddInboxAsync(string localPart)
    {
        var inbox = new Inbox(Ids.New(Ids.Inbox, Clock), Account.Id, localPart, "example.com", null, QuotaLimits.Unlimited, Clock.GetUtcNow());
        await Host.Store.CreateInboxAsync(inbox, new InboxService(Host.Store, Host.Blobs, Clock).NewSpecialFolders(inbox.Id, Clock.GetUtcNow()));
        return inbox;
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();

    private async Task SeedAsync()
    {
        Account = new Account(Ids.New(Ids.Account, Clock), "Acme", QuotaLimits.AccountDefault, Clock.GetUtcNow());
        await Host.Store.CreateAccountAsync(Account);
        await Host.Store.AddDomainAsync(new MailDomain("example.com", Account.Id, true, null, Clock.GetUtcNow()));
        Inbox = await AddInboxAsync("alice");
    }
}
