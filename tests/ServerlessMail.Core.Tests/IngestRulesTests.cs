namespace ServerlessMail.Core.Tests;

public sealed class IngestRulesTests
{
    [Theory]
    [InlineData(0, 30)]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(9, 7_680)]
    [InlineData(10, 14_400)]
    [InlineData(20, 14_400)]
    [InlineData(1_000, 14_400)]
    [InlineData(int.MaxValue, 14_400)]
    public void BackoffDoublesFromThirtySecondsUpToFourHours(int attempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), MailIngestService.Backoff(attempts));

    [Fact]
    public void TheRetryBudgetLastsAboutTwoDays()
    {
        var total = Enumerable.Range(1, MailIngestService.MaxAttempts).Aggregate(TimeSpan.Zero, (sum, attempt) => sum + MailIngestService.Backoff(attempt));

        Assert.InRange(total, TimeSpan.FromHours(40), TimeSpan.FromHours(56));
    }

    [Fact]
    public void RawAndOutboundKeysAreDatedPaths()
    {
        var at = new DateTimeOffset(2026, 3, 7, 23, 59, 0, TimeSpan.Zero);

        Assert.Equal("raw/2026/03/07/ing_abc.eml", BlobKeys.Raw("ing_abc", at));
        Assert.Equal("outbound/2026/03/07/out_abc.eml", BlobKeys.Outbound("out_abc", at));
    }

    [Fact]
    public void TheAcceptedIdOfAKeyWeWroteIsItsFileName()
    {
        var id = Ids.New(Ids.Accepted);

        Assert.Equal(id, BlobKeys.AcceptedIdFor(BlobKeys.Raw(id, DateTimeOffset.UtcNow)));
    }

    [Theory]
    [InlineData("inbound/ses/0123456789abcdef")]
    [InlineData("raw/2026/03/07/not-an-id.eml")]
    [InlineData("raw/2026/03/07/msg_00000000000000000000000000.eml")]
    public void TheAcceptedIdOfAForeignKeyIsAStableHash(string key)
    {
        var id = BlobKeys.AcceptedIdFor(key);

        Assert.True(Ids.IsWellFormed(id, Ids.Accepted));
        Assert.Equal(Ids.FromKey(Ids.Accepted, key), id);
        Assert.Equal(id, BlobKeys.AcceptedIdFor(key));
    }
}
