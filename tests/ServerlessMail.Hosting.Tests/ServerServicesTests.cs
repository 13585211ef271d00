using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using ServerlessMail.Core;

namespace ServerlessMail.Hosting.Tests;

/// <summary>The services the server hands to IMAP and the API: one notifier that every write path publishes on.</summary>
public sealed class ServerServicesTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("sm-services-");

    [Fact]
    public async Task AnAppend_IsStoredAndWakesTheInboxesWaiters()
    {
        await using var server = await MailServer.StartAsync(TestServer.Options(_directory), NullLoggerFactory.Instance);
        var services = server.Services;
        var inbox = await services.Inboxes.CreateAsync(Operator(server), "drafts", null, null);
        var drafts = await services.Store.FindFolderAsync(inbox.Id, "Drafts") ?? throw new InvalidOperationException("no Drafts");
        var change = services.Notifier.NextChangeAsync(inbox.Id);

        using var raw = new MemoryStream(Encoding.ASCII.GetBytes("From: drafts@example.test\r\nSubject: a draft\r\n\r\nbody\r\n"));
        var stored = await services.Append.AppendAsync(new AppendRequest(inbox, drafts, MessageFlags.Draft, [], null, "test"), raw);

        Assert.True(await MailboxNotifier.WaitAsync(change, TimeSpan.FromSeconds(10), CancellationToken.None));
        Assert.Equal("a draft", (await services.Store.GetMessageAsync(stored.Id))!.Summary.Subject);
    }

    [Fact]
    public async Task ADeliveryByTheServersWorker_WakesTheRecipientsWaiters()
    {
        await using var server = await MailServer.StartAsync(TestServer.Options(_directory), NullLoggerFactory.Instance);
        var services = server.Services;
        var inbox = await services.Inboxes.CreateAsync(Operator(server), "waiter", null, null);
        var change = services.Notifier.NextChangeAsync(inbox.Id);

        using var raw = new MemoryStream(Encoding.ASCII.GetBytes("From: someone@remote.test\r\nTo: waiter@example.test\r\nSubject: hello\r\n\r\nbody\r\n"));
        await services.Ingest.AcceptAsync(raw, new MessageEnvelope("someone@remote.test", ["waiter@example.test"]));

        Assert.True(await MailboxNotifier.WaitAsync(change, TimeSpan.FromSeconds(30), CancellationToken.None));
        var folder = await services.Store.FindFolderAsync(inbox.Id, "INBOX") ?? throw new InvalidOperationException("no INBOX");
        Assert.Equal("hello", Assert.Single((await services.Store.ListMessagesAsync(folder.Id, new MessageQuery(), new PageRequest())).Items).Summary.Subject);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private static Principal Operator(MailServer server) => new(server.FirstStart!.AccountId, "test", null, TokenPermissions.All);
}
