using System.Text;

namespace ServerlessMail.Mime.Tests.Composing;

public class EncodedWordEncoderTests
{
    public static TheoryData<string, bool, string> Words => new()
    {
        // B and Q are compared per word and the shorter wins; on a tie Q stays readable.
        { "\u00e9", false, "=?utf-8?B?w6k=?=" },
        { "caf\u00e9 au lait", false, "=?utf-8?Q?caf=C3=A9_au_lait?=" },
        { "Hello, World", false, "=?utf-8?Q?Hello,_World?=" },
        { "Hello, World", true, "=?utf-8?Q?Hello=2C_World?=" },
        { "Doe, Jos\u00e9", true, "=?utf-8?Q?Doe=2C_Jos=C3=A9?=" },
        { "a_b=c?d", false, "=?utf-8?B?YV9iPWM/ZA==?=" },
        { "x+y-z/w!*", true, "=?utf-8?Q?x+y-z/w!*?=" },
        { "(x)", true, "=?utf-8?B?KHgp?=" },
        { "\u65e5\u672c", false, "=?utf-8?B?5pel5pys?=" },
        { "\U0001F389", false, "=?utf-8?B?8J+OiQ==?=" },
    };

    [Theory]
    [MemberData(nameof(Words))]
    public void Split_ShortText_IsOneWord(string text, bool phrase, string expected) =>
        Assert.Equal([expected], EncodedWordEncoder.Split(text, phrase ? EncodedWordContext.Phrase : EncodedWordContext.Text, 75));

    [Fact]
    public void Split_LongText_CutsAtCodePoints()
    {
        // 30 four-octet emoji: 120 octets cannot fit one word; no word may end inside a sequence.
        var text = string.Concat(Enumerable.Repeat("\U0001F600", 30));
        var words = EncodedWordEncoder.Split(text, EncodedWordContext.Text, 75);
        Assert.True(words.Count > 1);
        Assert.All(words, word => Assert.InRange(word.Length, 1, 75));
        Assert.Equal(text, string.Concat(words.Select(Decode)));
    }

    [Fact]
    public void Split_FirstWordHonoursItsRoom()
    {
        var text = new string('\u00e9', 40);
        var words = EncodedWordEncoder.Split(text, EncodedWordContext.Text, 40);
        Assert.InRange(words[0].Length, 28, 40);
        Assert.All(words.Skip(1), word => Assert.InRange(word.Length, 1, 75));
        Assert.Equal(text, string.Concat(words.Select(Decode)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Split_RandomText_RoundTripsWithinLimits(int seed)
    {
        var random = new Random(seed);
        var alphabet = "aZ09 _=?\"(),.:;<>@\\\t\u00e9\u00df\u20ac\u65e5\u0301\uFFFD\U0001F600\U0001F44D\U0001F3FD\u200D"
            .EnumerateRunes().Select(r => r.ToString()).ToArray();
        foreach (var context in new[] { EncodedWordContext.Text, EncodedWordContext.Phrase })
        {
            for (var round = 0; round < 100; round++)
            {
                var text = string.Concat(Enumerable.Range(0, random.Next(1, 120)).Select(_ => alphabet[random.Next(alphabet.Length)]));
                var first = random.Next(10, 80);
                var words = EncodedWordEncoder.Split(text, context, first);
                Assert.True(words[0].Length <= Math.Clamp(first, 28, 75), words[0]);
                Assert.All(words, word => Assert.InRange(word.Length, 1, 75));
                Assert.Equal(text, string.Concat(words.Select(Decode)));
                if (context == EncodedWordContext.Phrase)
                {
                    // RFC 2047 §5 rule 3: in a phrase, Q text is letters, digits and ! * + - / = _ only.
                    Assert.All(
                        words.Where(word => word.StartsWith("=?utf-8?Q?", StringComparison.Ordinal)),
                        word => Assert.Matches("^[A-Za-z0-9!*+\\-/=_]*$", word[10..^2]));
                }
            }
        }
    }

    [Fact]
    public void Write_FillsTheLineThenFolds()
    {
        var folder = new HeaderFolder("Subject");
        EncodedWordEncoder.Write(folder, " ", new string('\u00e9', 100), EncodedWordContext.Text);
        var field = folder.Complete();
        ComposedOutput.AssertHeaderLinesFit(field);
        Assert.StartsWith("Subject: =?utf-8?B?", field, StringComparison.Ordinal);
        Assert.Equal(" " + new string('\u00e9', 100), ComposedOutput.DecodeWords(ComposedOutput.Unfold(field)["Subject:".Length..]));
    }

    private static string Decode(string word)
    {
        var match = Assert.Single(ComposedOutput.EncodedWords(word));
        Assert.Equal(word, match.Value);
        return ComposedOutput.DecodeWord(match.Groups[1].Value, match.Groups[2].Value);
    }
}
