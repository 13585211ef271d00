namespace ServerlessMail.Core.Tests;

public sealed class QuotaDecisionTests
{
    private static readonly DateTimeOffset Reset = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AnAllowedDecisionSaysSo()
    {
        Assert.True(QuotaDecision.Allow.Allowed);
        Assert.Equal("allowed", QuotaDecision.Allow.Describe());
    }

    [Theory]
    [InlineData(QuotaLimitKind.SendsPerDay, "account", 1000L, "account limit of 1000 recipients per day reached; resets at 2026-11-23T00:00:00Z")]
    [InlineData(QuotaLimitKind.SendsPerMinute, "inbox", 60L, "inbox limit of 60 messages per minute reached; resets at 2026-11-23T00:00:00Z")]
    [InlineData(QuotaLimitKind.StoredBytes, "account", 10737418240L, "the mailbox is over its storage quota (account limit of 10737418240 bytes stored); delete mail to make room")]
    public void ARefusalNamesTheScopeLimitUnitAndResetOrHowToMakeRoom(QuotaLimitKind kind, string scope, long limit, string expected) =>
        Assert.Equal(expected, new QuotaDecision(false, kind, scope, limit, Reset).Describe());

    [Fact]
    public void TheResetIsWrittenInUtcWhateverTheOffset()
    {
        var decision = new QuotaDecision(false, QuotaLimitKind.SendsPerMinute, "inbox", 5, new DateTimeOffset(2026, 11, 23, 1, 30, 0, TimeSpan.FromHours(1)));

        Assert.EndsWith("resets at 2026-11-23T00:30:00Z", decision.Describe(), StringComparison.Ordinal);
    }
}
