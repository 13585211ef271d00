using System.Globalization;
using System.Text;
using ServerlessMail.Core;

namespace ServerlessMail.Storage.CrashHost;

/// <summary>The account, domain and inbox the crash host delivers to, created once (under fixed ids) and found again after a restart.</summary>
internal static class CrashMailbox
{
    public const string Domain = "crash.test";

    public const string Address = "sink@" + Domain;

    public static async Task EnsureAsync(IMailStore store, IBlobStore blobs, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var accountId = Ids.FromKey(Ids.Account, "crash-host");
        if (await store.GetAccountAsync(accountId) is null)
        {
            await store.CreateAccountAsync(new Account(accountId, "Crash host", QuotaLimits.AccountDefault, now));
        }

        if (await store.GetDomainAsync(Domain) is null)
        {
            await store.AddDomainAsync(new MailDomain(Domain, accountId, IsDefault: true, CatchAllInboxId: null, now));
        }

        if (await store.FindInboxByAddressAsync(Address) is null)
        {
            var inbox = new Inbox(Ids.FromKey(Ids.Inbox, "crash-host"), accountId, "sink", Domain, null, QuotaLimits.Unlimited, now);
            await store.CreateInboxAsync(inbox, new InboxService(store, blobs, clock).NewSpecialFolders(inbox.Id, now));
        }
    }

    /// <summary>A message whose every byte follows from the run and the counter; sizes vary from about 1 to 9 KB.</summary>
    public static byte[] Message(string run, int counter)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"From: Load <load@remote.example>\r\nTo: <{Address}>\r\n");
        text.Append(CultureInfo.InvariantCulture, $"Subject: crash {run} #{counter}\r\nMessage-ID: <{run}.{counter}@remote.example>\r\n");
        text.Append("Date: Sun, 22 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n");
        for (var line = 0; line < 16 + (counter % 128); line++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{run} message {counter} line {line}: the quick brown fox jumps over the lazy dog\r\n");
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
