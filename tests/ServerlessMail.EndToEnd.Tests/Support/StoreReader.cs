using ServerlessMail.Core;
using ServerlessMail.Storage.Local;

namespace ServerlessMail.EndToEnd.Tests;

/// <summary>
/// Reads what the running server stored, through the store's own contract: the embedded store opened on its data
/// directory beside it (SQLite WAL allows a second process), or the AWS store on the same table. Only metadata:
/// message files are the server's to write.
/// </summary>
internal sealed class StoreReader : IAsyncDisposable
{
    private readonly IMailStore _store;
    private readonly IAsyncDisposable? _owned;

    public StoreReader(IMailStore store, IAsyncDisposable? owned = null)
    {
        _store = store;
        _owned = owned;
    }

    public IMailStore Store => _store;

    public static async Task<StoreReader> OpenAsync(ServeProcess server)
    {
        var store = new LocalMailStore(new LocalStorageOptions { DataDirectory = server.DataDirectory, Fsync = false }, TimeProvider.System);
        await store.InitializeAsync();
        return new StoreReader(store, store);
    }

    public async Task<Inbox> InboxAsync(string address) =>
        await _store.FindInboxByAddressAsync(address) ?? throw new InvalidOperationException($"No inbox {address}.");

    /// <summary>Messages in a folder, newest first.</summary>
    public async Task<IReadOnlyList<StoredMessage>> MessagesAsync(string address, string folder)
    {
        var inbox = await InboxAsync(address);
        var found = await _store.FindFolderAsync(inbox.Id, folder) ?? throw new InvalidOperationException($"No folder {folder} in {address}.");
        return (await _store.ListMessagesAsync(found.Id, new MessageQuery(), new PageRequest(100))).Items;
    }

    public async Task<IReadOnlyList<OutboundEmail>> OutboundAsync(string address) =>
        (await _store.ListOutboundAsync((await InboxAsync(address)).Id, new PageRequest(100))).Items;

    /// <summary>
    /// Polls until <paramref name="read"/> gives a value <paramref name="done"/> accepts: delivery and relaying run in
    /// the server's background workers, after the SMTP reply. The bound is for a slow machine, not a performance check.
    /// </summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Still waiting for {what}.");
            }

            await Task.Delay(100);
        }
    }

    public ValueTask DisposeAsync() => _owned?.DisposeAsync() ?? ValueTask.CompletedTask;
}
