using System.Globalization;
using System.Net;
using System.Text.Json;

namespace ServerlessMail.EndToEnd.Tests;

/// <summary>
/// Issue 6's end-to-end test against the real <c>serverlessmail serve</c>: the REST API, SMTP submission, IMAP and
/// the API again, each from outside the process (HTTP, python's smtplib and imaplib over TLS).
/// </summary>
public sealed class ProductTests
{
    [Fact]
    public async Task AnInboxMadeWithTheApi_GetsMailOverSubmission_ReadAndFlaggedOverImap_AndARepliedThreadThroughTheApi()
    {
        await using var server = await ServeProcess.StartAsync();
        using var admin = new ApiClient(server, server.AdminToken);

        // 1. Create the inboxes with the API; the sender gets its own inbox-scoped token.
        var recipient = await admin.PostAsync("/v1/inboxes", new { localPart = "recipient", displayName = "Recipient" }, HttpStatusCode.Created);
        var sender = await admin.PostAsync("/v1/inboxes", new { localPart = "sender" }, HttpStatusCode.Created);
        var recipientId = recipient.GetProperty("id").GetString()!;
        var senderId = sender.GetProperty("id").GetString()!;
        Assert.Equal("recipient@example.test", recipient.GetProperty("address").GetString());
        var senderToken = (await admin.PostAsync("/v1/tokens", new { name = "e2e", scope = "inbox", inboxId = senderId, permissions = new[] { "read", "send" } }, HttpStatusCode.Created))
            .GetProperty("secret").GetString()!;

        // 2. Send to it over submission (STARTTLS, AUTH PLAIN with the sender's token).
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var subject = "Status report " + Guid.NewGuid().ToString("N")[..8];
        var sent = await SmtpClient.SubmitAsync(server, "sender@example.test", senderToken, Operator.Message("sender@example.test", "recipient@example.test", subject), "recipient@example.test");
        Assert.True(sent.Ok, $"{sent.Code} {sent.Reply}\n{server.Log}");

        // 3. Wait-for returns it.
        var waited = await admin.WaitAsync(recipientId, before);
        Assert.Equal(subject, waited.GetProperty("subject").GetString());
        var messageId = waited.GetProperty("id").GetString()!;
        var threadId = waited.GetProperty("threadId").GetString()!;

        // 4. Read it over IMAP (imaplib over implicit TLS, the inbox address and its own read token as the password) and flag it.
        var readToken = (await admin.PostAsync("/v1/tokens", new { name = "imap", scope = "inbox", inboxId = recipientId, permissions = new[] { "read" } }, HttpStatusCode.Created))
            .GetProperty("secret").GetString()!;
        var imap = await ImapFlagAsync(server, "recipient@example.test", readToken, subject);
        Assert.Equal(subject, imap.GetProperty("subject").GetString());
        Assert.DoesNotContain(@"\Flagged", Flags(imap, "flagsBefore"));
        Assert.Contains(@"\Flagged", Flags(imap, "flagsAfter"));

        // 5. The flag set over IMAP is visible in the API.
        Assert.Contains("flagged", Flags(await admin.GetAsync($"/v1/messages/{messageId}"), "flags"));

        // 6. Reply through the API; the original shows \Answered.
        var reply = await admin.PostAsync(
            $"/v1/inboxes/{recipientId}/send",
            new { text = "Thanks, received.", reference = new { messageId, action = "reply" } },
            HttpStatusCode.Accepted);
        Assert.StartsWith("out_", reply.GetProperty("outboundId").GetString(), StringComparison.Ordinal);
        Assert.Contains("answered", Flags(await admin.GetAsync($"/v1/messages/{messageId}"), "flags"));

        // 7. The reply lands in the sender's INBOX, threaded with the original.
        using var senderApi = new ApiClient(server, senderToken);
        var landed = await senderApi.WaitAsync(senderId, before);
        Assert.Equal("Re: " + subject, landed.GetProperty("subject").GetString());
        Assert.Equal(threadId, landed.GetProperty("threadId").GetString());
        Assert.Contains(waited.GetProperty("messageIdHeader").GetString()!, Flags(landed, "inReplyTo"));
        var thread = await admin.GetAsync($"/v1/threads/{threadId}");
        var inThread = thread.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.Contains(messageId, inThread);
        Assert.Contains(landed.GetProperty("id").GetString(), inThread);

        Assert.Equal(0, await server.StopAsync());
    }

    private static List<string> Flags(JsonElement element, string property) =>
        element.GetProperty(property).EnumerateArray().Select(f => f.GetString()!).ToList();

    private static async Task<JsonElement> ImapFlagAsync(ServeProcess server, string user, string token, string subject)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Scripts", "imap_flag.py");
        var (exitCode, output, error) = await ChildProcess.RunAsync(
            "python3",
            [script, server.Imaps.Address.ToString(), server.Imaps.Port.ToString(CultureInfo.InvariantCulture), server.CertificatePath, user, token, subject]);
        Assert.True(exitCode == 0, $"imap_flag.py failed ({exitCode}): {error}\nserver log:\n{server.Log}");
        return JsonDocument.Parse(output.Trim()).RootElement.Clone();
    }
}
