using System.Text;
using static ServerlessMail.Mime.Tests.Parsing.TestMail;

namespace ServerlessMail.Mime.Tests.Parsing;

public sealed class MimeParserTests
{
    [Fact]
    public void SinglePart_RecordsHeaderAndBodyOffsets()
    {
        var raw = Crlf("Subject: hi", "From: a@example.test", "", "line one", "line two", "");
        var message = MimeParser.Parse(raw);
        var root = message.Root;

        Assert.Equal(MimeEntityKind.Leaf, root.Kind);
        Assert.Equal(0, root.HeaderOffset);
        Assert.Equal("Subject: hi\r\nFrom: a@example.test\r\n\r\n".Length, root.BodyOffset);
        Assert.Equal(raw.Length, root.EndOffset);
        Assert.Equal(2, root.BodyLineCount);
        Assert.Equal(2, root.Headers.Count);
        Assert.Equal("Subject", root.Headers[0].Name);
        Assert.Equal(" hi", Encoding.ASCII.GetString(root.Headers[0].RawValue.Span));
        Assert.Equal(13, root.Headers[1].Offset);
        Assert.True(root.HasDefaultContentType);
        Assert.Equal("text/plain", root.ContentType.MimeType);
    }

    [Fact]
    public void Multipart_OffsetsExcludeTheLineBreakBeforeEachDelimiter()
    {
        var raw = Crlf(
            "Content-Type: multipart/mixed; boundary=\"b1\"",
            "",
            "preamble text",
            "--b1",
            "Content-Type: text/plain",
            "",
            "first",
            "--b1",
            "",
            "second body",
            "",
            "--b1--",
            "epilogue text",
            "");
        var root = MimeParser.Parse(raw).Root;

        Assert.Equal(MimeEntityKind.Multipart, root.Kind);
        Assert.Equal(2, root.Children.Count);
        Assert.Equal("preamble text", Slice(raw, root.Preamble!.Value));
        Assert.Equal("epilogue text\r\n", Slice(raw, root.Epilogue!.Value));

        var first = root.Children[0];
        Assert.Equal("Content-Type: text/plain\r\n\r\n", Slice(raw, first.HeaderRange));
        Assert.Equal("first", Slice(raw, first.BodyRange));
        Assert.Equal(1, first.BodyLineCount);

        var second = root.Children[1];
        Assert.Equal("\r\n", Slice(raw, second.HeaderRange));
        Assert.True(second.HasDefaultContentType);
        Assert.Equal("second body\r\n", Slice(raw, second.BodyRange));
        Assert.Equal(1, second.BodyLineCount);
        Assert.Equal(MimeDefects.None, root.Defects);
        Assert.Equal(raw.Length, root.EndOffset);
    }

    [Fact]
    public void NestedMultipart_EndsBeforeTheOuterDelimiter()
    {
        var raw = Crlf(
            "Content-Type: multipart/mixed; boundary=outer",
            "",
            "--outer",
            "Content-Type: multipart/alternative; boundary=inner",
            "",
            "--inner",
            "",
            "plain",
            "--inner",
            "Content-Type: text/html",
            "",
            "<p>html</p>",
            "--inner--",
            "--outer",
            "Content-Type: application/octet-stream",
            "",
            "data",
            "--outer--",
            "");
        var root = MimeParser.Parse(raw).Root;

        var alternative = root.Children[0];
        Assert.Equal(MimeEntityKind.Multipart, alternative.Kind);
        Assert.Equal(["plain", "<p>html</p>"], alternative.Children.Select(c => Slice(raw, c.BodyRange)));
        Assert.EndsWith("--inner--", Slice(raw, alternative.BodyRange), StringComparison.Ordinal);
        Assert.Null(alternative.Epilogue);
        Assert.Equal("data", Slice(raw, root.Children[1].BodyRange));
    }

    [Theory]
    [InlineData("b", "b-1")]
    [InlineData("b-1", "b")]
    [InlineData("abc", "abc--x")]
    [InlineData("=_Part_1", "=_Part_1_2")]
    public void BoundariesSharingAPrefix_DoNotShadowEachOther(string outer, string inner)
    {
        var raw = Crlf(
            $"Content-Type: multipart/mixed; boundary=\"{outer}\"",
            "",
            $"--{outer}",
            $"Content-Type: multipart/alternative; boundary=\"{inner}\"",
            "",
            $"--{inner}",
            "",
            "one",
            $"--{inner}",
            "",
            "two",
            $"--{inner}--",
            $"--{outer}",
            "",
            "three",
            $"--{outer}--",
            "");
        var root = MimeParser.Parse(raw).Root;

        Assert.Equal(2, root.Children.Count);
        Assert.Equal(["one", "two"], root.Children[0].Children.Select(c => Slice(raw, c.BodyRange)));
        Assert.Equal("three", Slice(raw, root.Children[1].BodyRange));
        Assert.All(root.Descendants(), e => Assert.Equal(MimeDefects.None, e.Defects));
    }

    [Fact]
    public void MissingCloseDelimiter_EndsAtEndOfInput()
    {
        var raw = Crlf("Content-Type: multipart/mixed; boundary=x", "", "--x", "", "one", "--x", "", "two", "");
        var root = MimeParser.Parse(raw).Root;

        Assert.Equal(2, root.Children.Count);
        Assert.Equal("two\r\n", Slice(raw, root.Children[1].BodyRange));
        Assert.True(root.Defects.HasFlag(MimeDefects.MissingCloseBoundary));
        Assert.Equal(raw.Length, root.EndOffset);
    }

    [Fact]
    public void DelimiterWithTransportPadding_IsRecognised()
    {
        var raw = Crlf("Content-Type: multipart/mixed; boundary=\"x \"", "", "--x  \t", "", "one", "--x-- ", "");
        var root = MimeParser.Parse(raw).Root;

        Assert.Single(root.Children);
        Assert.Equal("one", Slice(raw, root.Children[0].BodyRange));
        Assert.Equal(MimeDefects.None, root.Defects);
    }

    [Fact]
    public void DelimiterLookalikes_StayInTheBody()
    {
        var raw = Crlf("Content-Type: multipart/mixed; boundary=x", "", "--x", "", "--xy", "-- x", "--", "--x--junk", "--x--", "");
        var root = MimeParser.Parse(raw).Root;

        Assert.Equal("--xy\r\n-- x\r\n--\r\n--x--junk", Slice(raw, root.Children[0].BodyRange));
    }

    [Fact]
    public void EncapsulatedMessage_IsParsedAsANestedMessage()
    {
        var raw = Crlf(
            "Content-Type: multipart/mixed; boundary=x",
            "",
            "--x",
            "Content-Type: message/rfc822",
            "",
            "Subject: inner",
            "Content-Type: multipart/alternative; boundary=y",
            "",
            "--y",
            "",
            "inner text",
            "--y--",
            "--x--",
            "");
        var root = MimeParser.Parse(raw).Root;
        var part = root.Children[0];

        Assert.Equal(MimeEntityKind.Message, part.Kind);
        var nested = part.EncapsulatedMessage!;
        Assert.Equal(part.BodyOffset, nested.HeaderOffset);
        Assert.Equal(part.EndOffset, nested.EndOffset);
        Assert.Equal("Subject", nested.Headers[0].Name);
        Assert.Equal("inner text", Slice(raw, nested.Children[0].BodyRange));
        Assert.Equal(7, part.BodyLineCount);
    }

    [Fact]
    public void EncodedEncapsulatedMessage_IsKeptAsALeaf()
    {
        var raw = Crlf("Content-Type: message/rfc822", "Content-Transfer-Encoding: base64", "", "U3ViamVjdDogeA0KDQpi", "");
        var root = MimeParser.Parse(raw).Root;

        Assert.Equal(MimeEntityKind.Leaf, root.Kind);
        Assert.True(root.Defects.HasFlag(MimeDefects.EncodedEncapsulatedMessage));
    }

    [Fact]
    public void DigestParts_DefaultToMessageRfc822()
    {
        var raw = Crlf("Content-Type: multipart/digest; boundary=d", "", "--d", "", "Subject: one", "", "body", "--d--", "");
        var part = MimeParser.Parse(raw).Root.Children[0];

        Assert.True(part.HasDefaultContentType);
        Assert.Equal("message/rfc822", part.ContentType.MimeType);
        Assert.Equal("Subject", part.EncapsulatedMessage!.Headers[0].Name);
    }

    [Fact]
    public void BareLineFeeds_AreLineBreaksToo()
    {
        var raw = Lf("Content-Type: multipart/mixed; boundary=x", "", "--x", "Content-Type: text/plain", "", "one", "two", "--x--", "");
        var root = MimeParser.Parse(raw).Root;

        Assert.Equal("one\ntwo", Slice(raw, root.Children[0].BodyRange));
        Assert.Equal(2, root.Children[0].BodyLineCount);
        Assert.Equal("text/plain", root.Children[0].ContentType.MimeType);
    }

    [Fact]
    public void FoldedHeaders_KeepTheirRawBytes()
    {
        var raw = Crlf("Subject: a", " b", "\tc", "X-Empty:", "", "body");
        var headers = MimeParser.Parse(raw).Root.Headers;

        Assert.Equal(" a\r\n b\r\n\tc", Encoding.ASCII.GetString(headers[0].RawValue.Span));
        Assert.Equal("X-Empty", headers[1].Name);
        Assert.Equal(0, headers[1].RawValue.Length);
    }

    [Fact]
    public void HeaderLineWithoutColon_IsKeptAsInvalidAndDoesNotEndTheBlock()
    {
        var raw = Crlf("Subject: a", "this is not a header", "Content-Type: text/html", "", "<b>x</b>");
        var root = MimeParser.Parse(raw).Root;

        Assert.True(root.Headers[1].IsInvalid);
        Assert.Equal("text/html", root.ContentType.MimeType);
        Assert.True(root.Defects.HasFlag(MimeDefects.InvalidHeaderLine));
    }

    [Fact]
    public void DuplicateHeaders_AreKeptAndTheFirstContentTypeWins()
    {
        var raw = Crlf("Subject: one", "Subject: two", "Content-Type: text/html", "Content-Type: text/plain", "", "x");
        var root = MimeParser.Parse(raw).Root;

        Assert.Equal(2, root.Headers.FindAll("subject").Count());
        Assert.Equal("text/html", root.ContentType.MimeType);
    }

    [Fact]
    public void PartWithoutBlankLine_EndsItsHeadersAtTheDelimiter()
    {
        var raw = Crlf("Content-Type: multipart/mixed; boundary=x", "", "--x", "Content-Type: text/plain", "--x", "", "b", "--x--");
        var root = MimeParser.Parse(raw).Root;

        Assert.Equal(2, root.Children.Count);
        Assert.Equal(0, root.Children[0].BodyLength);
        Assert.True(root.Children[0].Defects.HasFlag(MimeDefects.UnterminatedHeaders));
        Assert.Equal("b", Slice(raw, root.Children[1].BodyRange));
    }

    [Fact]
    public void MultipartWithoutBoundary_IsALeaf()
    {
        var raw = Crlf("Content-Type: multipart/mixed", "", "--x", "", "body", "--x--");
        var root = MimeParser.Parse(raw).Root;

        Assert.Equal(MimeEntityKind.Leaf, root.Kind);
        Assert.True(root.Defects.HasFlag(MimeDefects.MissingBoundary));
        Assert.Equal(raw.Length, root.EndOffset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("Subject: x")]
    [InlineData("Subject: x\r\n")]
    [InlineData("\r\nbody only")]
    public void DegenerateInput_Parses(string text)
    {
        var raw = Encoding.ASCII.GetBytes(text);
        var message = MimeParser.Parse(raw);

        Assert.Equal(raw.Length, message.Length);
        Assert.Equal(raw.Length, message.Root.EndOffset);
        Assert.True(message.Root.BodyOffset <= raw.Length);
    }

    [Fact]
    public void StreamInput_GivesTheSameTreeAsMemoryInput_ForEveryChunkSize()
    {
        var raw = Crlf(
            "Subject: stream",
            "Content-Type: multipart/mixed; boundary=\"=_outer\"",
            "",
            "pre",
            "--=_outer",
            "Content-Type: multipart/alternative; boundary=\"=_inner\"",
            "",
            "--=_inner",
            "Content-Type: text/plain",
            "",
            new string('a', 500),
            "--=_inner",
            "Content-Type: message/rfc822",
            "",
            "Subject: nested",
            "",
            "nested body",
            "--=_inner--",
            "--=_outer",
            "",
            string.Join("\r\n", Enumerable.Repeat("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=", 40)),
            "--=_outer--",
            "post",
            "");
        var expected = MimeStructureFormatter.Format(MimeParser.Parse(raw));
        var options = new MimeParserOptions { MaxBoundaryLength = 70, BufferSize = 344 };

        foreach (var chunk in new[] { 1, 2, 3, 7, 64, 333, 4096 })
        {
            using var stream = new TrickleStream(raw, chunk);
            var actual = MimeStructureFormatter.Format(MimeParser.Parse(stream, options));
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void EveryPrefix_ParsesWithConsistentOffsets()
    {
        var raw = Crlf(
            "Content-Type: multipart/mixed; boundary=x",
            "",
            "--x",
            "Content-Type: message/rfc822",
            "",
            "Subject: n",
            "Content-Type: multipart/alternative; boundary=y",
            "",
            "--y",
            "",
            "t",
            "--y--",
            "--x",
            "",
            "b",
            "--x--",
            "");
        for (var length = 0; length <= raw.Length; length++)
        {
            var message = MimeParser.Parse(raw.AsMemory(0, length));
            foreach (var entity in message.Root.Descendants())
            {
                Assert.InRange(entity.HeaderOffset, 0, length);
                Assert.InRange(entity.BodyOffset, entity.HeaderOffset, length);
                Assert.InRange(entity.EndOffset, entity.BodyOffset, length);
                if (entity.Parent is { } parent)
                {
                    Assert.InRange(entity.HeaderOffset, parent.BodyOffset, parent.EndOffset);
                    Assert.InRange(entity.EndOffset, entity.HeaderOffset, parent.EndOffset);
                }
            }
        }
    }
}
