using System.Security.Cryptography;
using System.Text;

namespace ServerlessMail.Core.Tests;

public sealed class TokenFormatTests
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    [Fact]
    public void GeneratedTokensHaveThePrefixAndLengthAndOnlyBase62()
    {
        for (var i = 0; i < 200; i++)
        {
            var token = TokenFormat.Generate();

            Assert.StartsWith("sm_", token, StringComparison.Ordinal);
            Assert.Equal(3 + 43 + 6, token.Length);
            Assert.Equal(TokenFormat.Length, token.Length);
            Assert.All(token[3..], c => Assert.Contains(c, Base62));
            Assert.True(TokenFormat.IsWellFormed(token));
        }
    }

    [Fact]
    public void GeneratedTokensDoNotRepeat()
    {
        var tokens = Enumerable.Range(0, 1_000).Select(_ => TokenFormat.Generate()).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(1_000, tokens.Count);
    }

    [Fact]
    public void TheChecksumCatchesEverySingleCharacterTypo()
    {
        for (var round = 0; round < 3; round++)
        {
            var token = TokenFormat.Generate();
            for (var position = 0; position < token.Length; position++)
            {
                foreach (var typo in Base62 + "_-. ")
                {
                    if (typo == token[position])
                    {
                        continue;
                    }

                    var mistyped = token[..position] + typo + token[(position + 1)..];
                    Assert.False(TokenFormat.IsWellFormed(mistyped), $"'{typo}' at {position} went unnoticed.");
                }
            }
        }
    }

    [Fact]
    public void TheChecksumCatchesSwappedNeighbours()
    {
        for (var round = 0; round < 20; round++)
        {
            var token = TokenFormat.Generate();
            for (var position = 3; position < token.Length - 1; position++)
            {
                if (token[position] == token[position + 1])
                {
                    continue;
                }

                var swapped = token[..position] + token[position + 1] + token[position] + token[(position + 2)..];
                Assert.False(TokenFormat.IsWellFormed(swapped), $"A swap at {position} went unnoticed.");
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("sm_")]
    [InlineData("sm_abc")]
    [InlineData("SM_0123456789012345678901234567890123456789012000000")]
    public void TextOfTheWrongShapeIsNotAToken(string text) => Assert.False(TokenFormat.IsWellFormed(text));

    [Fact]
    public void ExtraOrMissingCharactersAreNotAToken()
    {
        var token = TokenFormat.Generate();

        Assert.False(TokenFormat.IsWellFormed(token + "a"));
        Assert.False(TokenFormat.IsWellFormed(token.AsSpan(0, token.Length - 1)));
        Assert.False(TokenFormat.IsWellFormed(" " + token));
        Assert.False(TokenFormat.IsWellFormed(token.AsSpan(1)));
        Assert.False(TokenFormat.IsWellFormed("xx" + token[2..]));
    }

    [Fact]
    public void NonAsciiLettersAndDigitsAreRefused()
    {
        var token = TokenFormat.Generate();

        Assert.False(TokenFormat.IsWellFormed(token[..10] + "é" + token[11..]));
        Assert.False(TokenFormat.IsWellFormed(token[..10] + "٣" + token[11..]));
    }

    [Fact]
    public void TheHashIsTheSha256OfTheUtf8Token()
    {
        var token = TokenFormat.Generate();

        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(token)), TokenFormat.Hash(token));
        Assert.Equal(32, TokenFormat.Hash(token).Length);
        Assert.NotEqual(TokenFormat.Hash(token), TokenFormat.Hash(TokenFormat.Generate()));
    }

    [Fact]
    public void DisplayPartsShowOnlyThePrefixAndTheLastFour()
    {
        var token = TokenFormat.Generate();

        Assert.Equal(token[..7], TokenFormat.DisplayPrefix(token));
        Assert.Equal(token[^4..], TokenFormat.LastFour(token));
        Assert.Equal("ab", TokenFormat.DisplayPrefix("ab"));
        Assert.Equal("ab", TokenFormat.LastFour("ab"));
    }

    [Fact]
    public void Crc32MatchesTheStandardCheckValue() =>
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
}
