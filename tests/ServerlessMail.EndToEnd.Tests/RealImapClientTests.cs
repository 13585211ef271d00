using System.Globalization;
using System.Net;

namespace ServerlessMail.EndToEnd.Tests;

/// <summary>
/// Real IMAP clients against the real <c>serve</c>: imap-bench's imaplib session (Imap/imaplib_client.py) on both
/// IMAP ports, and its two-way mbsync sync (Imap/mbsync_sync.sh), each logging in with an inbox address and a token.
/// </summary>
public sealed class RealImapClientTests
{
    [Theory]
    [InlineData("tls")]
    [InlineData("starttls")]
    public async Task PythonImaplib_RunsItsWholeSession(string mode)
    {
        await using var server = await ServeProcess.StartAsync();
        var (user, token) = await InboxWithTokenAsync(server, "imaplib-" + mode);
        var port = mode == "tls" ? server.Imaps.Port : server.Imap.Port;
        string[] extra = mode == "starttls" ? ["--expect-logindisabled"] : [];

        var (exitCode, output, error) = await ChildProcess.RunAsync(
            "python3",
            [Script("imaplib_client.py"), "127.0.0.1", port.ToString(CultureInfo.InvariantCulture), user, "-", "--cafile", server.CertificatePath, "--mode", mode, .. extra],
            new Dictionary<string, string> { ["IMAP_TEST_PASSWORD"] = token });

        Assert.True(exitCode == 0, $"{output}\n{error}\nserver log:\n{server.Log}");
        Assert.Contains("ok idle", output, StringComparison.Ordinal);
        Assert.Contains("ok cleanup", output, StringComparison.Ordinal);
        Assert.DoesNotContain(token, server.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mbsync_SyncsBothWaysAndConverges()
    {
        await using var server = await ServeProcess.StartAsync();
        var (user, token) = await InboxWithTokenAsync(server, "mbsync");
        var work = Directory.CreateTempSubdirectory("sm-mbsync-");
        try
        {
            var (exitCode, output, error) = await ChildProcess.RunAsync(
                "bash",
                [Script("mbsync_sync.sh"), "127.0.0.1", server.Imaps.Port.ToString(CultureInfo.InvariantCulture), user, "-", server.CertificatePath, work.FullName],
                new Dictionary<string, string> { ["IMAP_TEST_PASSWORD"] = token });

            Assert.True(exitCode == 0, $"{output}\n{error}\nserver log:\n{server.Log}");
            Assert.Contains("PASS", output, StringComparison.Ordinal);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "Imap", name);

    /// <summary>An inbox made through the API and a token for it with read, send and delete (EXPUNGE needs delete).</summary>
    private static async Task<(string User, string Token)> InboxWithTokenAsync(ServeProcess server, string localPart)
    {
        using var admin = new ApiClient(server, server.AdminToken);
        var inbox = await admin.PostAsync("/v1/inboxes", new { localPart }, HttpStatusCode.Created);
        var token = await admin.PostAsync(
            "/v1/tokens",
            new { name = localPart, scope = "inbox", inboxId = inbox.GetProperty("id").GetString(), permissions = new[] { "read", "send", "delete" } },
            HttpStatusCode.Created);
        return (inbox.GetProperty("address").GetString()!, token.GetProperty("secret").GetString()!);
    }
}
