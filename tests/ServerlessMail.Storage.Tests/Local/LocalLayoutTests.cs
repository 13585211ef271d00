using Microsoft.Data.Sqlite;
using ServerlessMail.Core;
using ServerlessMail.Storage.Local;
using ServerlessMail.Storage.Local.Sqlite;
using ServerlessMail.Storage.Tests.Contract;

namespace ServerlessMail.Storage.Tests.Local;

/// <summary>What the embedded store leaves on disk, and how it opens a directory it (or an older build) wrote before.</summary>
public sealed class LocalLayoutTests : StoreContract
{
    private LocalStoreHarness Local => (LocalStoreHarness)Harness;

    [Fact]
    public async Task MetadataIsOneSqliteDatabaseInWalModeAndBlobsAreFilesNamedByKey()
    {
        var raw = TestMail.Build();
        await Local.Blobs.PutAsync("raw/2026/11/22/ing_x.eml", new MemoryStream(raw));

        Assert.Equal(raw, await File.ReadAllBytesAsync(Path.Combine(Local.Directory, "blobs", "raw", "2026", "11", "22", "ing_x.eml")));
        Assert.True(File.Exists(Path.Combine(Local.Directory, "mail.db")));
        Assert.Equal("wal", await QueryAsync("PRAGMA journal_mode"));
        Assert.Equal((long)Migrations.Latest, await QueryAsync("SELECT max(version) FROM schema_version"));
    }

    [Fact]
    public async Task WithFsyncOnTheWriterCommitsWithSynchronousFullAndForeignKeysOn()
    {
        var (synchronous, foreignKeys) = await Local.LocalStore.Writes.EnqueueAsync(
            session => ((long)session.Command("PRAGMA synchronous").ExecuteScalar()!, (long)session.Command("PRAGMA foreign_keys").ExecuteScalar()!),
            CancellationToken.None);

        // https://www.sqlite.org/pragma.html#pragma_synchronous: 2 is FULL.
        Assert.Equal((2L, 1L), (synchronous, foreignKeys));
    }

    [Fact]
    public async Task AReopenedStoreKeepsItsDataItsSchemaVersionAndItsCursors()
    {
        var mailbox = await Local.SeedMailboxAsync();
        for (var i = 0; i < 3; i++)
        {
            await Local.AppendAsync(mailbox);
        }

        var first = await Local.Store.ListMessagesAsync(mailbox.InboxFolder.Id, MessageQuery.All, new PageRequest(2));
        await Local.LocalStore.DisposeAsync();

        await using var reopened = new LocalMailStore(Local.Options, Local.Clock);
        await reopened.InitializeAsync();
        await reopened.InitializeAsync();

        var rest = await reopened.ListMessagesAsync(mailbox.InboxFolder.Id, MessageQuery.All, new PageRequest(2, first.NextCursor));
        Assert.Equal([1u], rest.Items.Select(m => m.Uid));
        Assert.Equal(3, (await reopened.GetFolderAsync(mailbox.InboxFolder.Id))?.Total);
        Assert.Equal((long)Migrations.Latest, await QueryAsync("SELECT count(*) FROM schema_version"));
    }

    [Fact]
    public async Task ACursorFromAnotherStoreIsInvalid()
    {
        var mailbox = await Local.SeedMailboxAsync();
        await Local.AppendAsync(mailbox);
        await Local.AppendAsync(mailbox);
        var cursor = (await Local.Store.ListMessagesAsync(mailbox.InboxFolder.Id, MessageQuery.All, new PageRequest(1))).NextCursor;

        await using var other = new LocalStoreHarness();
        await other.Store.InitializeAsync();
        await other.Store.CreateAccountAsync(mailbox.Account);
        await other.Store.AddDomainAsync(mailbox.Domain);
        await other.Store.CreateInboxAsync(mailbox.Inbox, mailbox.Folders);

        await StoreFixtures.AssertErrorAsync(
            MailStoreError.InvalidCursor,
            () => other.Store.ListMessagesAsync(mailbox.InboxFolder.Id, MessageQuery.All, new PageRequest(1, cursor)));
    }

    [Fact]
    public async Task ADatabaseFromANewerBuildIsRefusedRatherThanGuessedAt()
    {
        await Local.LocalStore.DisposeAsync();
        await ExecuteAsync($"INSERT INTO schema_version (version, applied_at) VALUES ({Migrations.Latest + 1}, 0)");

        await using var newer = new LocalMailStore(Local.Options, Local.Clock);
        await Assert.ThrowsAsync<InvalidOperationException>(() => newer.InitializeAsync());
    }

    protected override Task<StoreHarness> CreateHarnessAsync() => LocalStoreHarness.CreateAsync();

    private async Task<object?> QueryAsync(string sql)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Local.Options.DatabasePath, Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }
}
