using System.Text;
using ServerlessMail.Core;
using ServerlessMail.Imap.Protocol;
using ServerlessMail.Imap.Search;
using SubjectKey = ServerlessMail.Imap.Search.SubjectKey;

namespace ServerlessMail.Imap.Tests.Search;

public sealed class SearchEvaluatorTests
{
    // Encoded-words in From and Subject, a group in To, a QP body with a soft line break, a Date in -0700 whose
    // UTC instant is the next day.
    private const string Raw =
        "From: =?utf-8?Q?Ren=C3=A9e_Dubois?= <renee@example.org>\r\n" +
        "To: team: Ben <ben@example.net>, carl@example.net;\r\n" +
        "Cc: \"Dana\" <dana@example.com>\r\n" +
        "Subject: =?iso-8859-1?q?Caf=E9?= on\r\n Thursday\r\n" +
        "Date: Tue, 4 Jun 2024 23:30:00 -0700\r\n" +
        "Message-ID: <search@example.org>\r\n" +
        "X-Mailer: Search Tester 1.0\r\n" +
        "MIME-Version: 1.0\r\n" +
        "Content-Type: multipart/mixed; boundary=\"b\"\r\n" +
        "\r\n" +
        "--b\r\n" +
        "Content-Type: text/plain; charset=utf-8\r\n" +
        "Content-Transfer-Encoding: quoted-printable\r\n" +
        "\r\n" +
        "The revised schedule is on the shar=\r\ned drive =E2=80=94 see you.\r\n" +
        "--b\r\n" +
        "Content-Type: application/octet-stream\r\n" +
        "Content-Transfer-Encoding: base64\r\n" +
        "\r\n" +
        "bmVlZGxlIGluIGFuIGF0dGFjaG1lbnQ=\r\n" +
        "--b--\r\n";

    private static SearchWorld World(MessageFlags flags = MessageFlags.None, IReadOnlyList<string>? keywords = null) =>
        new(Encoding.ASCII.GetBytes(Raw), flags, keywords);

    // SearchKey is internal, so the theories take an index into these tables; the key's record text names the case.
    private static readonly (SearchKey Key, bool Expected)[] HeaderOnly =
    [
        (new AddressKey(AddressField.From, "renée"), true),
        (new AddressKey(AddressField.From, "RENEE@EXAMPLE.ORG"), true),
        (new AddressKey(AddressField.From, "ben"), false),
        (new AddressKey(AddressField.To, "ben@example"), true),
        (new AddressKey(AddressField.To, "team"), true),
        (new AddressKey(AddressField.To, "carl@"), true),
        (new AddressKey(AddressField.Cc, "dana"), true),
        (new AddressKey(AddressField.Bcc, "dana"), false),
        (new AddressKey(AddressField.Bcc, string.Empty), false),
        (new SubjectKey("CAFÉ ON"), true),
        (new SubjectKey("on Thursday"), true),
        (new SubjectKey("=?iso"), false),
        (new SubjectKey("Friday"), false),
        (new HeaderKey("message-id", "SEARCH@"), true),
        (new HeaderKey("Message-ID", string.Empty), true),
        (new HeaderKey("Content-Type", "mixed"), true),
        (new HeaderKey("References", string.Empty), false),
        (new DateKey(new DateOnly(2024, 6, 4), DateComparison.On, SentDate: true), true),
        (new DateKey(new DateOnly(2024, 6, 5), DateComparison.On, SentDate: true), false),
        (new DateKey(new DateOnly(2024, 6, 5), DateComparison.Before, SentDate: true), true),
        (new DateKey(new DateOnly(2024, 6, 4), DateComparison.Before, SentDate: true), false),
        (new DateKey(new DateOnly(2024, 6, 4), DateComparison.Since, SentDate: true), true),
        (new DateKey(new DateOnly(2024, 6, 5), DateComparison.Since, SentDate: true), false),
        (new DateKey(new DateOnly(2024, 6, 5), DateComparison.On, SentDate: false), true),
        (new DateKey(new DateOnly(2024, 6, 4), DateComparison.On, SentDate: false), false),
        (new DateKey(new DateOnly(2024, 6, 5), DateComparison.Before, SentDate: false), false),
        (new DateKey(new DateOnly(2024, 6, 6), DateComparison.Before, SentDate: false), true),
        (new DateKey(new DateOnly(2024, 6, 5), DateComparison.Since, SentDate: false), true),
        (new DateKey(new DateOnly(2024, 6, 6), DateComparison.Since, SentDate: false), false),
        (new SizeKey(100, Larger: true), true),
        (new SizeKey(Raw.Length, Larger: true), false),
        (new SizeKey(Raw.Length, Larger: false), false),
        (new SizeKey(Raw.Length + 1, Larger: false), true),
        (new ModSeqKey(17), true),
        (new ModSeqKey(18), false),
        (new AllKey(), true),
    ];

    public static TheoryData<int, string> HeaderOnlyCases() => Indexes(HeaderOnly);

    public static TheoryData<int, string> ContentCases() => Indexes(Content);

    [Theory]
    [MemberData(nameof(HeaderOnlyCases))]
    public void HeaderAndStateKeys_AreAnsweredWithoutLoadingTheMessage(int index, string name)
    {
        var (key, expected) = HeaderOnly[index];
        Assert.Equal(name, key.ToString());
        var world = World();
        Assert.False(SearchEvaluator.NeedsContent(key));
        Assert.Equal(expected, world.Matches(key));
        Assert.Equal(0, world.Loads);
    }

    private static readonly (SearchKey Key, bool Expected)[] Content =
    [
        (new BodyKey("SHARED DRIVE — SEE"), true),
        (new BodyKey("shar="), false),
        (new BodyKey("needle"), false),
        (new BodyKey("Renée"), false),
        (new TextKey("shared drive"), true),
        (new TextKey("Search Tester"), true),
        (new TextKey("renée dubois"), true),
        (new TextKey("absent words"), false),
        (new HeaderKey("X-Mailer", "search tester"), true),
        (new HeaderKey("x-mailer", string.Empty), true),
        (new HeaderKey("X-Mailer", "Outlook"), false),
        (new HeaderKey("X-Spam", string.Empty), false),
    ];

    [Theory]
    [MemberData(nameof(ContentCases))]
    public void BodyTextAndOtherHeaders_LoadTheMessageOnce(int index, string name)
    {
        var (key, expected) = Content[index];
        Assert.Equal(name, key.ToString());
        var world = World();
        Assert.True(SearchEvaluator.NeedsContent(key));
        Assert.Equal(expected, world.Matches(new AndKey([key, key])));
        Assert.Equal(1, world.Loads);
    }

    private static TheoryData<int, string> Indexes((SearchKey Key, bool Expected)[] cases)
    {
        var data = new TheoryData<int, string>();
        for (var i = 0; i < cases.Length; i++)
        {
            data.Add(i, cases[i].Key.ToString());
        }

        return data;
    }

    [Fact]
    public void And_TriesCheapKeysFirst_SoANonMatchNeverLoads()
    {
        var world = World();
        Assert.False(world.Matches(new AndKey([new BodyKey("shared"), new FlagKey(MessageFlags.Seen, Set: true)])));
        Assert.Equal(0, world.Loads);
    }

    [Theory]
    [InlineData(MessageFlags.Seen, MessageFlags.Seen, true, true)]
    [InlineData(MessageFlags.Seen, MessageFlags.Seen, false, false)]
    [InlineData(MessageFlags.None, MessageFlags.Seen, false, true)]
    [InlineData(MessageFlags.Answered | MessageFlags.Draft, MessageFlags.Draft, true, true)]
    [InlineData(MessageFlags.Answered | MessageFlags.Draft, MessageFlags.Flagged, true, false)]
    [InlineData(MessageFlags.Deleted, MessageFlags.Deleted, false, false)]
    public void FlagKey_TestsOneFlag(MessageFlags stored, MessageFlags flag, bool set, bool expected) =>
        Assert.Equal(expected, World(stored).Matches(new FlagKey(flag, set)));

    [Fact]
    public void RecentOldAndNew_FollowTheSessionsRecentAndSeen()
    {
        var unseen = World();
        var seen = World(MessageFlags.Seen);
        Assert.True(unseen.Matches(new RecentKey(true), recent: true));
        Assert.False(unseen.Matches(new RecentKey(true), recent: false));
        Assert.True(unseen.Matches(new RecentKey(false), recent: false));
        Assert.True(unseen.Matches(new NewKey(), recent: true));
        Assert.False(seen.Matches(new NewKey(), recent: true));
        Assert.False(unseen.Matches(new NewKey(), recent: false));
    }

    [Fact]
    public void KeywordKey_IgnoresCase()
    {
        var world = World(keywords: ["$Forwarded", "Project-X"]);
        Assert.True(world.Matches(new KeywordKey("project-x", Has: true)));
        Assert.False(world.Matches(new KeywordKey("$Junk", Has: true)));
        Assert.True(world.Matches(new KeywordKey("$Junk", Has: false)));
        Assert.False(world.Matches(new KeywordKey("$forwarded", Has: false)));
    }

    [Theory]
    [InlineData("3", false, true)]
    [InlineData("1:2,4:*", false, false)]
    [InlineData("*", false, false)]
    [InlineData("9:3", false, true)]
    [InlineData("40", true, true)]
    [InlineData("41:*", true, false)]
    [InlineData("100:*", true, false)]
    [InlineData("1:40", true, true)]
    public void SequenceKey_UsesTheSequenceNumberOrTheUid(string set, bool uid, bool expected)
    {
        Assert.True(SequenceSet.TryParse(Encoding.ASCII.GetBytes(set), out var parsed));
        Assert.Equal(expected, World().Matches(new SequenceKey(parsed!, uid)));
    }

    [Fact]
    public void NotAndOr_Combine()
    {
        var world = World(MessageFlags.Flagged);
        var flagged = new FlagKey(MessageFlags.Flagged, Set: true);
        var fromBen = new AddressKey(AddressField.From, "ben");
        Assert.True(world.Matches(new OrKey(fromBen, flagged)));
        Assert.False(world.Matches(new OrKey(fromBen, new NotKey(flagged))));
        Assert.True(world.Matches(new AndKey([new NotKey(fromBen), flagged, new SubjectKey("café")])));
        Assert.True(world.Matches(new OrKey(new BodyKey("nothing like it"), new TextKey("drive"))));
        Assert.True(world.Matches(new NotKey(new BodyKey("nothing like it"))));
        Assert.Equal(2, world.Loads); // once per evaluation that needs the content, however many keys read it
    }

    [Fact]
    public void MissingDate_FallsBackToTheInternalDate()
    {
        var world = new SearchWorld("Subject: undated\r\n\r\nbody\r\n"u8.ToArray(), internalDate: new DateTimeOffset(2023, 1, 2, 0, 0, 0, TimeSpan.Zero));
        Assert.True(world.Matches(new DateKey(new DateOnly(2023, 1, 2), DateComparison.On, SentDate: true)));
    }

    [Fact]
    public void CorpusMessage_WithAGroupAndEncodedWords_MatchesItsDecodedNames()
    {
        var world = SearchWorld.FromCorpus("082-group-addresses");
        Assert.True(world.Matches(new AddressKey(AddressField.Cc, "Renée Dubois")));
        Assert.True(world.Matches(new AddressKey(AddressField.Cc, "treasurer, acting")));
        Assert.True(world.Matches(new AddressKey(AddressField.Bcc, "audit2@example.com")));
        Assert.False(world.Matches(new AddressKey(AddressField.To, "renee")));
        Assert.Equal(0, world.Loads);
    }

    [Fact]
    public void NestingBeyondMaxDepth_IsRefused()
    {
        SearchKey key = new AllKey();
        for (var i = 0; i <= SearchEvaluator.MaxDepth; i++)
        {
            key = new NotKey(key);
        }

        Assert.Throws<ArgumentException>(() => SearchEvaluator.NeedsContent(key));
        Assert.Throws<ArgumentException>(() => World().Matches(key));

        SearchKey allowed = new AllKey();
        for (var i = 0; i < SearchEvaluator.MaxDepth; i++)
        {
            allowed = new NotKey(allowed);
        }

        Assert.True(World().Matches(allowed));
    }
}
