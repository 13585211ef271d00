using System.Security.Cryptography;
using ServerlessMail.Core;
using ServerlessMail.Storage.CrashHost;
using ServerlessMail.Storage.Local;

// Usage: ServerlessMail.Storage.CrashHost <data directory> [writers]
// Prints one line per acknowledged accept, "<accepted id> <sha256 of the raw message>", only after AcceptAsync has
// returned, and flushes it. The parent kills this process with SIGKILL at an arbitrary point and then checks that
// every printed message survived. A delivery worker runs alongside, so the kill also lands in appends.
if (args.Length is < 1 or > 2)
{
    await Console.Error.WriteLineAsync("usage: ServerlessMail.Storage.CrashHost <data directory> [writers]");
    return 2;
}

var writers = args.Length == 2 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 4;
var clock = TimeProvider.System;
var options = new LocalStorageOptions { DataDirectory = args[0] };
await using var store = new LocalMailStore(options, clock);
await store.InitializeAsync();
var blobs = new LocalBlobStore(options);
await CrashMailbox.EnsureAsync(store, blobs, clock);

using var signal = new DeliverySignal();
var ingest = new MailIngestService(store, blobs, new RecipientResolver(store), new ThreadResolver(store, clock), signal, clock);
var worker = new DeliveryWorker(store, ingest, signal, clock);
_ = Task.Run(() => worker.RunAsync(CancellationToken.None));

var run = Guid.NewGuid().ToString("N")[..8];
var counter = 0;
var output = new object();
var envelope = new MessageEnvelope("load@remote.example", [CrashMailbox.Address]);
await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
{
    while (true)
    {
        var raw = CrashMailbox.Message(run, Interlocked.Increment(ref counter));
        var accepted = await ingest.AcceptAsync(new MemoryStream(raw, writable: false), envelope);
        var line = accepted.Id + " " + Convert.ToHexStringLower(SHA256.HashData(raw));
        lock (output)
        {
            Console.Out.WriteLine(line);
            Console.Out.Flush();
        }
    }
})));
return 0;
