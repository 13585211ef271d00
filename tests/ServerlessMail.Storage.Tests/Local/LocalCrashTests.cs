using System.Diagnostics;
using System.Security.Cryptography;
using ServerlessMail.Core;
using ServerlessMail.Storage.Local;

namespace ServerlessMail.Storage.Tests.Local;

/// <summary>
/// The embedded store's promise under SIGKILL: a child process (ServerlessMail.Storage.CrashHost) accepts and delivers
/// in a loop and prints each accept it was acknowledged; it is killed mid-stream, the store is opened again on the same
/// directory, and every printed message must be there and whole, with nothing half-written visible. Several rounds
/// on one directory, so recovery also runs on a store that has crashed before.
/// </summary>
public sealed class LocalCrashTests : IDisposable
{
    private const int Rounds = 3;
    private const int AcknowledgedPerRound = 200;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sm-crash-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task KilledWhileIngesting_KeepsEveryAcknowledgedMessageAndShowsNothingHalfWritten()
    {
        var acknowledged = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var round = 0; round < Rounds; round++)
        {
            var printed = await RunAndKillAsync(AcknowledgedPerRound);
            Assert.True(printed.Count >= AcknowledgedPerRound, $"round {round}: only {printed.Count} acknowledged");
            foreach (var (id, sha256) in printed)
            {
                acknowledged.Add(id, sha256);
            }

            await VerifyAsync(acknowledged);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>Starts the host, reads until <paramref name="wanted"/> ids are printed, kills it, and returns every complete line.</summary>
    private async Task<List<(string Id, string Sha256)>> RunAndKillAsync(int wanted)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ServerlessMail.Storage.CrashHost.dll"));
        start.ArgumentList.Add(_directory);
        using var timeout = new CancellationTokenSource(Patience);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The crash host did not start.");
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        var printed = new List<(string, string)>();
        try
        {
            while (printed.Count < wanted)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
                if (line is null)
                {
                    Assert.Fail($"The crash host exited early ({printed.Count} lines): {await errors}");
                }

                printed.Add(Parse(line));
            }
        }
        finally
        {
            // SIGKILL on Linux: no finalizers, no flushes, no disposal; the store gets no chance to tidy up.
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync(timeout.Token);

        // Lines printed between our last read and the kill were acknowledged too; a final line without its newline
        // was cut by the kill (its accept returned, but the test cannot know its id) and is left out.
        var rest = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        var lines = rest.Split('\n');
        printed.AddRange(lines.Take(lines.Length - 1).Select(Parse));
        return printed;
    }

    private async Task VerifyAsync(Dictionary<string, string> acknowledged)
    {
        var options = new LocalStorageOptions { DataDirectory = _directory };
        var blobs = new LocalBlobStore(options);
        Assert.Empty(Directory.EnumerateFiles(options.DataDirectory, ".tmp-*", SearchOption.AllDirectories));
        await using var store = new LocalMailStore(options, TimeProvider.System);
        await store.InitializeAsync();

        foreach (var (id, sha256) in acknowledged)
        {
            var accepted = await store.GetAcceptedAsync(id);
            Assert.True(accepted is not null, $"acknowledged {id} is missing");
            var raw = await ReadAsync(blobs, accepted.BlobKey);
            Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(raw)));
            Assert.Equal(accepted.Size, raw.Length);
        }

        // Records accepted but not yet delivered (acknowledged or not) have their whole blob.
        foreach (var pending in await store.ListDueAcceptedAsync(DateTimeOffset.MaxValue, 100_000))
        {
            Assert.Equal(pending.Size, (await ReadAsync(blobs, pending.BlobKey)).Length);
        }

        // Delivered messages are whole, counted once, and their UIDs are unique and below UIDNEXT.
        var inbox = await store.FindInboxByAddressAsync("sink@crash.test") ?? throw new InvalidOperationException("no inbox");
        var folder = await store.FindFolderAsync(inbox.Id, Folder.InboxName) ?? throw new InvalidOperationException("no INBOX");
        var messages = await Contract.StoreFixtures.DrainAsync(p => store.ListMessagesAsync(folder.Id, MessageQuery.All, p), PageRequest.MaxLimit);
        Assert.Equal(folder.Total, messages.Count);
        Assert.Equal(messages.Count, messages.Select(m => m.Uid).Distinct().Count());
        Assert.All(messages, m => Assert.True(m.Uid < folder.UidNext));
        foreach (var message in messages)
        {
            Assert.Equal(message.Size, (await ReadAsync(blobs, message.BlobKey)).Length);
        }

        var (inboxBytes, _) = await store.GetStoredBytesAsync(inbox.AccountId, inbox.Id);
        Assert.Equal(messages.Sum(m => m.Size), inboxBytes);
    }

    private static async Task<byte[]> ReadAsync(LocalBlobStore blobs, string key)
    {
        await using var stream = await blobs.OpenReadAsync(key);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static (string Id, string Sha256) Parse(string line)
    {
        var parts = line.Split(' ');
        Assert.True(parts.Length == 2 && Ids.IsWellFormed(parts[0], Ids.Accepted) && parts[1].Length == 64, $"unexpected line '{line}'");
        return (parts[0], parts[1]);
    }

    /// <summary>The dotnet host running these tests (dotnet test sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
