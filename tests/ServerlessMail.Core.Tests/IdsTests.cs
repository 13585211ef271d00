namespace ServerlessMail.Core.Tests;

public sealed class IdsTests
{
    private const string Crockford = "0123456789abcdefghjkmnpqrstvwxyz";

    // SHA-256("inbound/ses/abc"), its first 126 bits in Crockford base32, computed outside .NET.
    private const string KnownFromKey = "ing_1c3psttqtznm4esjwnyd5r5v0y";

    [Theory]
    [InlineData(Ids.Account)]
    [InlineData(Ids.Inbox)]
    [InlineData(Ids.Folder)]
    [InlineData(Ids.Message)]
    [InlineData(Ids.Token)]
    [InlineData(Ids.Outbound)]
    [InlineData(Ids.Accepted)]
    public void NewIdsHaveThePrefixAnd26CrockfordDigits(string prefix)
    {
        var id = Ids.New(prefix);

        Assert.Equal(prefix + "_", id[..(prefix.Length + 1)]);
        Assert.Equal(26, id.Length - prefix.Length - 1);
        Assert.All(id[(prefix.Length + 1)..], c => Assert.Contains(c, Crockford));
        Assert.True(Ids.IsWellFormed(id, prefix));
    }

    [Fact]
    public void IdsSortByTheTimeTheyWereMade()
    {
        var clock = new SteppingClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var ids = new List<string>();
        for (var i = 0; i < 500; i++)
        {
            ids.Add(Ids.New(Ids.Message, clock));
            clock.Step(TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheTimeIsTheLeadingPartSoLaterYearsSortLater()
    {
        var early = Ids.New(Ids.Inbox, new SteppingClock(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        var late = Ids.New(Ids.Inbox, new SteppingClock(new DateTimeOffset(2090, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        Assert.True(string.CompareOrdinal(early, late) < 0);
    }

    [Fact]
    public void IdsMadeInOneMillisecondDoNotCollide()
    {
        var clock = new SteppingClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var ids = Enumerable.Range(0, 10_000).Select(_ => Ids.New(Ids.Message, clock)).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(10_000, ids.Count);
    }

    [Fact]
    public void FromKeyIsStableWellFormedAndDistinct()
    {
        var first = Ids.FromKey(Ids.Outbound, "acc_1\nsend-42");

        Assert.Equal(first, Ids.FromKey(Ids.Outbound, "acc_1\nsend-42"));
        Assert.True(Ids.IsWellFormed(first, Ids.Outbound));
        Assert.NotEqual(first, Ids.FromKey(Ids.Outbound, "acc_1\nsend-43"));
        Assert.NotEqual(first, Ids.FromKey(Ids.Outbound, "acc_2\nsend-42"));
        Assert.Equal(first[4..], Ids.FromKey(Ids.Accepted, "acc_1\nsend-42")[4..]);
        Assert.True(Ids.IsWellFormed(Ids.FromKey(Ids.Accepted, string.Empty), Ids.Accepted));
    }

    [Fact]
    public void FromKeyDoesNotDependOnTheProcess()
    {
        // The same S3 key must map to the same accepted id in every Lambda instance, forever: pin one value.
        Assert.Equal(KnownFromKey, Ids.FromKey(Ids.Accepted, "inbound/ses/abc"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("msg_")]
    [InlineData("msg_0000000000000000000000000")]
    [InlineData("msg_000000000000000000000000000")]
    [InlineData("msg-00000000000000000000000000")]
    [InlineData("inb_00000000000000000000000000")]
    [InlineData("msg_0000000000000000000000000I")]
    [InlineData("msg_0000000000000000000000000l")]
    [InlineData("msg_0000000000000000000000000o")]
    [InlineData("msg_0000000000000000000000000u")]
    [InlineData("msg_0000000000000000000000000A")]
    [InlineData("msg_000000000000000000000000/.")]
    public void MalformedIdsAreRecognised(string? id) => Assert.False(Ids.IsWellFormed(id, Ids.Message));

    private sealed class SteppingClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Step(TimeSpan by) => _now += by;
    }
}
