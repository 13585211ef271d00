using ServerlessMail.Core;

namespace ServerlessMail.Imap.Tests;

/// <summary>
/// One mailbox of four messages for the SEARCH transcripts, shared by a test class (its tests run one at a time).
/// A first session takes \Recent for 1–3, so in <see cref="Client"/>'s session 1–3 are old and 4 is recent.
/// <code>
/// uid internal      Date:        flags              from / to / cc / bcc          subject             size
/// 1   02-Jun-2026   01-Jun-2026  \Seen \Answered    carol / alice / erin / -       Quarterly report    small, $Work, X-Priority: 1
/// 2   16-Jun-2026   15-Jun-2026  \Flagged \Draft    Dave / alice / - / frank       Entwürfe fertig     small (encoded-word subject)
/// 3   01-Jul-2026   30-Jun-2026  \Deleted           carol / bob / - / -            Lunch               over 3000 octets
/// 4   (now)         04-Dec-2026  (none)             grace / alice                  New one             small
/// </code>
/// </summary>
public sealed class SearchMailbox : IAsyncLifetime
{
    internal ImapWorld World { get; private set; } = null!;

    internal ImapTestClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        World = await ImapWorld.CreateAsync();
        await World.AppendAsync(
            World.Alice, "INBOX",
            "From: Carol <carol@example.test>\r\nTo: alice@hosted.test\r\nCc: Erin <erin@example.test>\r\nSubject: Quarterly report\r\n" +
            "Date: Mon, 01 Jun 2026 09:00:00 +0000\r\nMessage-ID: <q1@example.test>\r\nX-Priority: 1\r\n\r\nThe numbers are up.\r\n",
            MessageFlags.Seen | MessageFlags.Answered, ["$Work"], Day(2026, 6, 2));
        await World.AppendAsync(
            World.Alice, "INBOX",
            "From: Dave <dave@example.test>\r\nTo: alice@hosted.test\r\nBcc: frank@example.test\r\nSubject: =?UTF-8?Q?Entw=C3=BCrfe?= fertig\r\n" +
            "Date: Mon, 15 Jun 2026 23:30:00 -0700\r\nMessage-ID: <q2@example.test>\r\n\r\nLunch on Friday?\r\n",
            MessageFlags.Flagged | MessageFlags.Draft, null, Day(2026, 6, 16));
        await World.AppendAsync(
            World.Alice, "INBOX",
            "From: Carol <carol@example.test>\r\nTo: Bob <bob@hosted.test>\r\nSubject: Lunch\r\nDate: Tue, 30 Jun 2026 12:00:00 +0000\r\n" +
            "Message-ID: <q3@example.test>\r\n\r\n" + string.Concat(Enumerable.Repeat("see the attached notes\r\n", 130)),
            MessageFlags.Deleted, null, Day(2026, 7, 1));
        await using (var first = await World.LoginAsync())
        {
            await first.CommandAsync("a SELECT INBOX", "a OK");
        }

        await World.AppendAsync(
            World.Alice, "INBOX",
            "From: Grace <grace@example.test>\r\nTo: alice@hosted.test\r\nSubject: New one\r\nDate: Fri, 04 Dec 2026 10:00:00 +0000\r\n" +
            "Message-ID: <q4@example.test>\r\n\r\nHello there.\r\n");
        Client = await World.LoginAsync();
        await Client.CommandAsync("s SELECT INBOX", "s OK");
    }

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        await World.DisposeAsync();
    }

    private static DateTimeOffset Day(int year, int month, int day) => new(year, month, day, 8, 0, 0, TimeSpan.Zero);
}
