using System.Text;
using ServerlessMail.Imap.Protocol;

namespace ServerlessMail.Imap.Tests.Protocol;

public sealed class CommandTokenizerTests
{
    [Theory]
    [InlineData("a NOOP\r\n", "a|NOOP|")]
    [InlineData("A1 noop\r\n", "A1|NOOP|")]
    [InlineData("a uid fetch 1:* (FLAGS)\r\n", "a|UID FETCH|atom:1:* ( atom:FLAGS )")]
    [InlineData("a UID\r\n", "a|UID|")]
    [InlineData("a LOGIN \"al\\\"ice\" \"p\\\\w\"\r\n", "a|LOGIN|quoted:al\"ice quoted:p\\w")]
    [InlineData("a LOGIN {5}\r\nalice {0}\r\n\r\n", "a|LOGIN|literal:alice literal:")]
    [InlineData("a LOGIN {3+}\r\n( )\r\n", "a|LOGIN|literal:( )")]
    [InlineData("a SELECT \"\"\r\n", "a|SELECT|quoted:")]
    [InlineData("a FETCH 1 (BODY.PEEK[HEADER.FIELDS (FROM TO)]<0.10> UID)\r\n", "a|FETCH|atom:1 ( atom:BODY.PEEK[HEADER.FIELDS (FROM TO)]<0.10> atom:UID )")]
    [InlineData("a SEARCH ((SEEN) OR (A) (B))\r\n", "a|SEARCH|( ( atom:SEEN ) atom:OR ( atom:A ) ( atom:B ) )")]
    [InlineData("a SEARCH ()\r\n", "a|SEARCH|( )")]
    [InlineData("a SEARCH SUBJECT \"Entwürfe\"\r\n", "a|SEARCH|atom:SUBJECT quoted:Entwürfe")]
    [InlineData("a STORE 1 +FLAGS (\\Seen $Work)\r\n", "a|STORE|atom:1 atom:+FLAGS ( atom:\\Seen atom:$Work )")]
    [InlineData("a.b-c_d NOOP\r\n", "a.b-c_d|NOOP|")]
    [InlineData("a APPEND INBOX ~{3}\r\na\0b\r\n", "a|APPEND|atom:INBOX literal8:3")]
    [InlineData("a APPEND INBOX (\\Seen) ~{2+}\r\n~{\r\n", "a|APPEND|atom:INBOX ( atom:\\Seen ) literal8:2")]
    [InlineData("a STORE 1 +FLAGS (~x)\r\n", "a|STORE|atom:1 atom:+FLAGS ( atom:~x )")]
    public void Tokenizes(string input, string expected)
    {
        Assert.Null(CommandTokenizer.TryTokenize(Segments.Whole(input), 8, 100, out var command));
        Assert.Equal(expected, Describe(command!));
        Assert.Null(CommandTokenizer.TryTokenize(Segments.OneBytePerSegment(Encoding.UTF8.GetBytes(input)), 8, 100, out var segmented));
        Assert.Equal(expected, Describe(segmented!));
    }

    [Theory]
    [InlineData("\r\n", "Expected a tag and a command")]
    [InlineData("a\r\n", "Expected a tag and a command")]
    [InlineData("a \r\n", "Unexpected space")]
    [InlineData("a  NOOP\r\n", "Unexpected space")]
    [InlineData("a NOOP \r\n", "Unexpected space")]
    [InlineData("(a) NOOP\r\n", "Expected a tag and a command")]
    [InlineData("a* NOOP\r\n", "Expected a tag and a command")]
    [InlineData("a+ NOOP\r\n", "Expected a tag and a command")]
    [InlineData("\"a\" NOOP\r\n", "Expected a tag and a command")]
    [InlineData("a \"NOOP\"\r\n", "Expected a tag and a command")]
    [InlineData("a FETCH 1 (FLAGS\r\n", "Unbalanced parentheses")]
    [InlineData("a FETCH 1 FLAGS)\r\n", "Unbalanced parentheses")]
    [InlineData("a FETCH 1 (FLAGS)UID\r\n", "Expected a space between arguments")]
    [InlineData("a LOGIN \"x\"\"y\"\r\n", "Expected a space between arguments")]
    [InlineData("a LOGIN \"abc\r\n", "Bad quoted string")]
    [InlineData("a LOGIN \"a\\b\"\r\n", "Bad quoted string")]
    [InlineData("a LOGIN \"a\0b\"\r\n", "Bad quoted string")]
    [InlineData("a LOGIN al\u00e9ce x\r\n", "Bad atom")]
    [InlineData("a LOGIN a\0 x\r\n", "Bad atom")]
    [InlineData("a FETCH 1 BODY[\r\n", "Bad atom")]
    [InlineData("a FETCH 1 BODY]\r\n", "Bad atom")]
    [InlineData("a ID ((((((((((x))))))))))\r\n", "Too deeply nested")]
    [InlineData("a NOOP x x x x x x x x x x x x\r\n", "Too many arguments")]
    [InlineData("a LOGIN {x}\r\n", "Bad literal")]
    [InlineData("a LOGIN {5}\r\nab\r\n", "Bad literal")]
    [InlineData("a APPEND INBOX ~{x}\r\n", "Bad literal")]
    [InlineData("a APPEND INBOX ~{5}\r\nab\r\n", "Bad literal")]
    public void RefusesWithAReason(string input, string reason)
    {
        Assert.Equal(reason, CommandTokenizer.TryTokenize(Segments.Whole(input), 8, 12, out var command));
        Assert.Null(command);
    }

    [Theory]
    [InlineData("a LOGIN {5}\r\nalice {3}\r\nabc\r\n")]
    [InlineData("a SEARCH OR (FROM \"x y\") (UID 1:*) CHARSET {2+}\r\nab\r\n")]
    public void EveryPrefix_IsRefusedCleanly_NeverHalfParsed(string input)
    {
        // The framer hands the tokenizer only whole commands; a cut one must still fail with a reason, not throw.
        var bytes = Encoding.UTF8.GetBytes(input);
        for (var cut = 0; cut < bytes.Length - 1; cut++)
        {
            var error = CommandTokenizer.TryTokenize(Segments.OneBytePerSegment(bytes[..cut]), 8, 100, out var command);
            if (command is not null)
            {
                // A cut between or inside atoms is a shorter command (a shorter last atom); never a changed one.
                Assert.Null(error);
                Assert.StartsWith(Describe(command).Replace('|', ' ').TrimEnd(), Describe(Tokenize(input)).Replace('|', ' '), StringComparison.Ordinal);
                continue;
            }

            Assert.False(string.IsNullOrEmpty(error), $"prefix {cut}");
        }
    }

    [Theory]
    [InlineData("a12 LOGIN x\r\n", "a12")]
    [InlineData("(bad) x\r\n", "*")]
    [InlineData("nospace", "*")]
    [InlineData("a* NOOP\r\n", "*")]
    public void TagOf_FindsATagToAnswer(string input, string tag) => Assert.Equal(tag, CommandTokenizer.TagOf(Segments.Whole(input)));

    private static ImapCommand Tokenize(string input)
    {
        Assert.Null(CommandTokenizer.TryTokenize(Segments.Whole(input), 8, 100, out var command));
        return command!;
    }

    private static string Describe(ImapCommand command) =>
        command.Tag + "|" + command.Name + "|" + string.Join(' ', command.Arguments.Select(t => t.Kind switch
        {
            TokenKind.Open => "(",
            TokenKind.Close => ")",
            TokenKind.Literal8 => "literal8:" + t.Bytes.Length,
            _ => t.Kind.ToString().ToLowerInvariant() + ":" + t.Text,
        }));
}
