using System.Text;
using ServerlessMail.Imap.Protocol;

namespace ServerlessMail.Imap.Tests.Protocol;

public sealed class SequenceSetTests
{
    [Theory]
    [InlineData("1", 10u, "1")]
    [InlineData("*", 10u, "10")]
    [InlineData("1:*", 10u, "1-10")]
    [InlineData("*:1", 10u, "1-10")]
    [InlineData("5:2", 10u, "2-5")]
    [InlineData("1,3:5,7:*", 10u, "1,3-5,7-10")]
    [InlineData("3:5,1,4:8,2", 10u, "1-8")]
    [InlineData("8:20", 10u, "8-10")]
    [InlineData("20:30", 10u, "")]
    [InlineData("20:*", 10u, "10")]
    [InlineData("1:*", 0u, "")]
    [InlineData("4294967295", 4294967295u, "4294967295")]
    [InlineData("1:4294967295", 4294967295u, "1-4294967295")]
    public void Ranges_AreNormalizedMergedAndClipped(string text, uint largest, string expected)
    {
        var set = Parse(text);
        var ranges = set.Ranges(largest).Select(r => r.First == r.Last ? $"{r.First}" : $"{r.First}-{r.Last}");
        Assert.Equal(expected, string.Join(",", ranges));
    }

    [Theory]
    [InlineData("1,3:5,7:*", 10u, 1u, true)]
    [InlineData("1,3:5,7:*", 10u, 2u, false)]
    [InlineData("1,3:5,7:*", 10u, 4u, true)]
    [InlineData("1,3:5,7:*", 10u, 6u, false)]
    [InlineData("1,3:5,7:*", 10u, 10u, true)]
    [InlineData("5:2", 10u, 3u, true)]
    [InlineData("*", 10u, 9u, false)]
    [InlineData("*", 10u, 10u, true)]
    [InlineData("559:*", 100u, 100u, true)] // RFC 3501 §6.4.8: "559:*" includes the last UID even when 559 is above it
    [InlineData("559:*", 100u, 99u, false)]
    public void Contains_SubstitutesLargestForStar(string text, uint largest, uint value, bool expected) =>
        Assert.Equal(expected, Parse(text).Contains(value, largest));

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("0:5")]
    [InlineData("01")]
    [InlineData("1,")]
    [InlineData(",1")]
    [InlineData("1,,2")]
    [InlineData("1:")]
    [InlineData(":1")]
    [InlineData("1:2:3")]
    [InlineData("a")]
    [InlineData("1 2")]
    [InlineData("-1")]
    [InlineData("**")]
    [InlineData("$,1")]
    [InlineData("1,$")]
    [InlineData("$:2")]
    [InlineData("$$")]
    [InlineData("4294967296")]
    [InlineData("99999999999999999999")]
    public void TryParse_RejectsBadInput(string text) =>
        Assert.False(SequenceSet.TryParse(Encoding.ASCII.GetBytes(text), out _));

    [Fact]
    public void TryParse_AcceptsUpToMaxRanges_AndRejectsMore()
    {
        var atLimit = string.Join(",", Enumerable.Range(1, SequenceSet.MaxRanges));
        Assert.True(SequenceSet.TryParse(Encoding.ASCII.GetBytes(atLimit), out var set));
        Assert.Equal((1u, (uint)SequenceSet.MaxRanges), Assert.Single(set!.Ranges(uint.MaxValue)));
        Assert.False(SequenceSet.TryParse(Encoding.ASCII.GetBytes(atLimit + ",5000"), out _));
    }

    [Fact]
    public void Dollar_IsTheSearchResult_WithNoRangesOfItsOwn()
    {
        Assert.False(Parse("1:*").IsSearchResult);
        var dollar = Parse("$");
        Assert.True(dollar.IsSearchResult);
        Assert.Empty(dollar.Ranges(10));
    }

    [Theory]
    [InlineData(new uint[0], "")]
    [InlineData(new uint[] { 4 }, "4-4")]
    [InlineData(new uint[] { 1, 2, 3, 5, 7, 8 }, "1-3,5-5,7-8")]
    public void Of_MakesExactRanges(uint[] numbers, string expected) =>
        Assert.Equal(expected, string.Join(",", SequenceSet.Of(numbers).Ranges(uint.MaxValue).Select(r => $"{r.First}-{r.Last}")));

    private static SequenceSet Parse(string text)
    {
        Assert.True(SequenceSet.TryParse(Encoding.ASCII.GetBytes(text), out var set), text);
        return set!;
    }
}
