using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging.Abstractions;
using ServerlessMail.Core;
using ServerlessMail.Storage.Tests.Aws;

namespace ServerlessMail.Hosting.Tests;

/// <summary>The edge in-process on dynalite and s3rver: SMTP and IMAP only, nothing delivered, its certificate from S3.</summary>
[Collection(AwsStandInsGroup.Name)]
public sealed class EdgeServerTests(AwsStandIns standIns) : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("sm-edge-");
    private readonly string _name = "edge-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task TheEdge_RunsNoApiAndNoFirstStart_AndLeavesAcceptedMailForTheIngestFunction()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "S3RVER");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "S3RVER");
        await using var server = await MailServer.StartAsync(Options(), NullLoggerFactory.Instance);
        var (account, _) = await server.Services.Accounts.CreateAsync("edge", "edge.test");
        await server.Services.Inboxes.CreateAsync(new Principal(account.Id, "test", null, TokenPermissions.All), "alice", "edge.test", null);

        var reply = await SendInboundAsync(server.SmtpEndPoint, "alice@edge.test", "Subject: To the edge\r\n\r\nHello.\r\n");

        Assert.StartsWith("250", reply, StringComparison.Ordinal);
        Assert.Null(server.ApiEndPoint);
        Assert.Null(server.FirstStart);
        Assert.DoesNotContain("api=", server.ReadyLine, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory.FullName, "admin.token")));
        var accepted = Assert.Single(await server.Services.Store.ListDueAcceptedAsync(DateTimeOffset.UtcNow.AddMinutes(1), 10));
        Assert.StartsWith("raw/", accepted.BlobKey, StringComparison.Ordinal);
        using var s3 = standIns.CreateS3();
        var listed = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _name, Prefix = "raw/" });
        Assert.Equal(accepted.BlobKey, Assert.Single(listed.S3Objects).Key);

        // No delivery worker: a second later the message is still only accepted, and the INBOX is empty.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var inbox = (await server.Services.Store.FindInboxByAddressAsync("alice@edge.test"))!;
        var folder = (await server.Services.Store.FindFolderAsync(inbox.Id, "INBOX"))!;
        Assert.Empty((await server.Services.Store.ListMessagesAsync(folder.Id, new MessageQuery(), new PageRequest(10))).Items);
        Assert.Single(await server.Services.Store.ListDueAcceptedAsync(DateTimeOffset.UtcNow.AddMinutes(1), 10));
    }

    [Fact]
    public async Task ACertificateInS3_IsUsedForStartTls_AndANewOneIsPickedUpAfterTheInterval()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "S3RVER");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "S3RVER");
        using var s3 = standIns.CreateS3();
        var bucket = _name + "-certs";
        await s3.PutBucketAsync(bucket);
        var first = await PutCertificateAsync(s3, bucket, "first.example");
        var options = Options() with
        {
            TlsCertificatePath = $"s3://{bucket}/edge/cert.pem",
            TlsKeyPath = $"s3://{bucket}/edge/key.pem",
            TlsReloadInterval = TimeSpan.FromMilliseconds(300),
        };
        await using var server = await MailServer.StartAsync(options, NullLoggerFactory.Instance);

        Assert.Equal(first, await StartTlsThumbprintAsync(server.SmtpEndPoint));

        var second = await PutCertificateAsync(s3, bucket, "second.example");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        string presented;
        while ((presented = await StartTlsThumbprintAsync(server.SmtpEndPoint)) != second && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.NotEqual(first, second);
        Assert.Equal(second, presented);
    }

    [Fact]
    public async Task AMissingCertificateObject_IsAStartErrorNamingIt()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "S3RVER");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "S3RVER");
        var options = Options() with { TlsCertificatePath = $"s3://{_name}/none/cert.pem", TlsKeyPath = $"s3://{_name}/none/key.pem" };

        var exception = await Assert.ThrowsAsync<ServerStartException>(() => MailServer.StartAsync(options, NullLoggerFactory.Instance));

        Assert.StartsWith("could not load the TLS certificate: ", exception.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private ServerOptions Options() => TestServer.Options(_directory) with
    {
        Role = ServerRole.Edge,
        ApiPort = 1, // never bound: the edge runs no API
        Store = new StoreOptions
        {
            DataDirectory = _directory.FullName,
            Kind = StoreKind.Aws,
            AwsTable = _name,
            AwsBucket = _name,
            AwsCreateMissing = true,
            DynamoDbEndpoint = standIns.DynamoDbUrl,
            S3Endpoint = standIns.S3Url,
        },
    };

    /// <summary>A fresh self-signed pair written to the bucket; returns its thumbprint.</summary>
    private static async Task<string> PutCertificateAsync(Amazon.S3.AmazonS3Client s3, string bucket, string hostName)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={hostName}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "edge/key.pem", ContentBody = rsa.ExportPkcs8PrivateKeyPem() });
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "edge/cert.pem", ContentBody = certificate.ExportCertificatePem() });
        return certificate.GetCertHashString();
    }

    private static async Task<string> StartTlsThumbprintAsync(IPEndPoint endPoint)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(endPoint);
        var stream = client.GetStream();
        await ReadReplyAsync(stream);
        await WriteAsync(stream, "EHLO test.example\r\n");
        await ReadReplyAsync(stream);
        await WriteAsync(stream, "STARTTLS\r\n");
        Assert.StartsWith("220", await ReadReplyAsync(stream), StringComparison.Ordinal);
        await using var tls = new SslStream(stream, false, (_, certificate, _, _) => certificate is not null);
        await tls.AuthenticateAsClientAsync("localhost");
        return tls.RemoteCertificate!.GetCertHashString();
    }

    private static async Task<string> SendInboundAsync(IPEndPoint endPoint, string recipient, string message)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(endPoint);
        var stream = client.GetStream();
        await ReadReplyAsync(stream);
        foreach (var command in new[] { "EHLO remote.test\r\n", "MAIL FROM:<sender@remote.test>\r\n", $"RCPT TO:<{recipient}>\r\n", "DATA\r\n" })
        {
            await WriteAsync(stream, command);
            await ReadReplyAsync(stream);
        }

        await WriteAsync(stream, message + ".\r\n");
        var reply = await ReadReplyAsync(stream);
        await WriteAsync(stream, "QUIT\r\n");
        return reply;
    }

    private static async Task WriteAsync(Stream stream, string text) => await stream.WriteAsync(Encoding.ASCII.GetBytes(text));

    /// <summary>A whole (possibly multi-line) SMTP reply, byte by byte so nothing after it is consumed before STARTTLS.</summary>
    private static async Task<string> ReadReplyAsync(Stream stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var reply = new StringBuilder();
        var line = new StringBuilder();
        var one = new byte[1];
        while (await stream.ReadAsync(one, timeout.Token) == 1)
        {
            line.Append((char)one[0]);
            if (one[0] != '\n')
            {
                continue;
            }

            reply.Append(line);
            if (line.Length < 4 || line[3] != '-')
            {
                return reply.ToString();
            }

            line.Clear();
        }

        throw new IOException("The connection closed mid-reply: " + reply + line);
    }
}
