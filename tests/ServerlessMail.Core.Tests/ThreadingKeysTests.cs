namespace ServerlessMail.Core.Tests;

public sealed class SubjectKeyTests
{
    [Theory]
    [InlineData("Quarterly report", "Re: Quarterly report")]
    [InlineData("Quarterly report", "RE: Fwd: quarterly   REPORT ")]
    [InlineData("Quarterly report", "Fw: Re: Re: Quarterly report")]
    [InlineData("Quarterly report", "AW: Quarterly\treport")]
    public void RepliesAndForwardsShareTheOriginalsKey(string original, string reply) =>
        Assert.Equal(SubjectKey.For(original), SubjectKey.For(reply));

    [Theory]
    [InlineData("Quarterly report", "Quarterly reports")]
    [InlineData("Quarterly report", "Annual report")]
    [InlineData("Report: Re: x", "x")]
    public void DifferentSubjectsHaveDifferentKeys(string a, string b) =>
        Assert.NotEqual(SubjectKey.For(a), SubjectKey.For(b));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Re:")]
    [InlineData("Re: Fwd: ")]
    public void SubjectsWithNothingLeftHaveNoKey(string? subject) => Assert.Null(SubjectKey.For(subject));

    [Fact]
    public void KeysAreShortLowerCaseHex()
    {
        var key = SubjectKey.For("Ünïcödé subject — with a dash");

        Assert.NotNull(key);
        Assert.Equal(32, key.Length);
        Assert.All(key, c => Assert.Contains(c, "0123456789abcdef"));
    }
}
