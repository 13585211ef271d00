using System.Text;

namespace ServerlessMail.Imap.Tests;

/// <summary>
/// RFC 3516 BINARY transcripts: FETCH BINARY, BINARY.PEEK and BINARY.SIZE decode a leaf's Content-Transfer-Encoding
/// from ranged blob reads (literal8 when the octets hold a NUL), and APPEND takes a literal8.
/// </summary>
public sealed class BinarySessionTests
{
    private const string QuotedPrintable = "Caf=C3=A9 cr=C3=A8me br=C3=BBl=C3=A9e,=\r\n soft break.\r\nSecond line =3D two.";

    private static readonly byte[] QuotedPrintableDecoded = Encoding.UTF8.GetBytes("Café crème brûlée, soft break.\r\nSecond line = two.");

    private static readonly byte[] Attachment = RandomBytes(4096);

    // 1: QP text, 2: a base64 attachment, 3: CTE binary with NULs, 4: base64 text with bare LFs, 5: a nested multipart.
    private static readonly string Mixed =
        "From: Carol <carol@example.test>\r\n" +
        "To: alice@hosted.test\r\n" +
        "Subject: Binary\r\n" +
        "Date: Fri, 04 Dec 2026 10:00:00 +0000\r\n" +
        "MIME-Version: 1.0\r\n" +
        "Content-Type: multipart/mixed; boundary=\"b1\"\r\n" +
        "\r\n" +
        "--b1\r\n" +
        "Content-Type: text/plain; charset=utf-8\r\n" +
        "Content-Transfer-Encoding: quoted-printable\r\n" +
        "\r\n" +
        QuotedPrintable + "\r\n" +
        "--b1\r\n" +
        "Content-Type: application/octet-stream; name=\"data.bin\"\r\n" +
        "Content-Transfer-Encoding: base64\r\n" +
        "Content-Disposition: attachment; filename=\"data.bin\"\r\n" +
        "\r\n" +
        Convert.ToBase64String(Attachment, Base64FormattingOptions.InsertLineBreaks) + "\r\n" +
        "--b1\r\n" +
        "Content-Type: application/x-raw\r\n" +
        "Content-Transfer-Encoding: binary\r\n" +
        "\r\n" +
        "a\0b\0c\r\n" +
        "--b1\r\n" +
        "Content-Type: text/plain; charset=us-ascii\r\n" +
        "Content-Transfer-Encoding: base64\r\n" +
        "\r\n" +
        Convert.ToBase64String("one\ntwo\n"u8) + "\r\n" +
        "--b1\r\n" +
        "Content-Type: multipart/alternative; boundary=\"b2\"\r\n" +
        "\r\n" +
        "--b2\r\n" +
        "Content-Type: text/plain\r\n" +
        "Content-Transfer-Encoding: quoted-printable\r\n" +
        "\r\n" +
        "x=3Dy\r\n" +
        "--b2\r\n" +
        "Content-Type: text/html\r\n" +
        "\r\n" +
        "<p>x</p>\r\n" +
        "--b2--\r\n" +
        "--b1--\r\n";

    private const string Gzip64 =
        "From: Carol <carol@example.test>\r\n" +
        "Subject: Unknown encoding\r\n" +
        "MIME-Version: 1.0\r\n" +
        "Content-Type: application/octet-stream\r\n" +
        "Content-Transfer-Encoding: x-gzip64\r\n" +
        "\r\n" +
        "H4sIAAAAAAAAA8tIzcnJBwCGphA2BQAAAA==\r\n";

    [Fact]
    public async Task Base64Attachment_IsDecodedByteExact_AsALiteral8_WithItsSize()
    {
        await using var world = await MixedWorldAsync();
        await using var client = await SelectAsync(world);
        var (line, literal, rest) = await client.CommandLiteralAsync("b FETCH 1 (BINARY.SIZE[2] BINARY.PEEK[2])", "b OK");
        Assert.Equal("* 1 FETCH (BINARY.SIZE[2] 4096 BINARY[2] ~{4096}", line);
        Assert.Equal(Attachment, literal);
        Assert.Equal(")", rest[0]);
    }

    [Fact]
    public async Task QuotedPrintableText_IsDecoded_AsAPlainLiteral()
    {
        await using var world = await MixedWorldAsync();
        await using var client = await SelectAsync(world);
        var (line, literal, _) = await client.CommandLiteralAsync("b FETCH 1 BINARY.PEEK[1]", "b OK");
        Assert.Equal($"* 1 FETCH (BINARY[1] {{{QuotedPrintableDecoded.Length}}}", line);
        Assert.Equal(QuotedPrintableDecoded, literal);
        (line, literal, _) = await client.CommandLiteralAsync("c FETCH 1 BINARY.PEEK[5.1]", "c OK");
        Assert.Equal("* 1 FETCH (BINARY[5.1] {3}", line);
        Assert.Equal("x=y"u8.ToArray(), literal);
    }

    [Fact]
    public async Task Partials_CountDecodedOctets()
    {
        await using var world = await MixedWorldAsync();
        await using var client = await SelectAsync(world);

        // Octets 100-149 hold no NUL, so a plain literal; the tail 4090-4095 holds one.
        var (line, literal, _) = await client.CommandLiteralAsync("b FETCH 1 BINARY.PEEK[2]<100.50>", "b OK");
        Assert.Equal("* 1 FETCH (BINARY[2]<100> {50}", line);
        Assert.Equal(Attachment[100..150], literal);
        (line, literal, _) = await client.CommandLiteralAsync("c FETCH 1 BINARY.PEEK[2]<4090.100>", "c OK");
        Assert.Equal("* 1 FETCH (BINARY[2]<4090> ~{6}", line);
        Assert.Equal(Attachment[4090..], literal);
        (line, literal, _) = await client.CommandLiteralAsync("d FETCH 1 BINARY.PEEK[1]<3.4>", "d OK");
        Assert.Equal("* 1 FETCH (BINARY[1]<3> {4}", line);
        Assert.Equal(QuotedPrintableDecoded[3..7], literal);
        Assert.Equal("* 1 FETCH (BINARY[2]<5000> {0}\r\n)", (await client.CommandAsync("e FETCH 1 BINARY.PEEK[2]<5000.10>", "e OK"))[0]);
        Assert.Equal("* 1 FETCH (BINARY[3]<1> ~{3}\r\n\0b\0)", (await client.CommandAsync("f FETCH 1 BINARY.PEEK[3]<1.3>", "f OK"))[0]);
    }

    [Fact]
    public async Task BinarySize_IsTheLengthBinarySends()
    {
        await using var world = await MixedWorldAsync();
        await using var client = await SelectAsync(world);
        var lines = await client.CommandAsync("b FETCH 1 (BINARY.SIZE[1] BINARY.SIZE[2] BINARY.SIZE[3] BINARY.SIZE[4] BINARY.SIZE[5.1] BINARY.SIZE[] BINARY.SIZE[9])", "b OK");
        Assert.Equal(
            $"* 1 FETCH (BINARY.SIZE[1] {QuotedPrintableDecoded.Length} BINARY.SIZE[2] 4096 BINARY.SIZE[3] 5 BINARY.SIZE[4] 10 " +
            $"BINARY.SIZE[5.1] 3 BINARY.SIZE[] {Encoding.UTF8.GetByteCount(Mixed)} BINARY.SIZE[9] 0)",
            lines[0]);
    }

    [Fact]
    public async Task NulOctets_GoInALiteral8_AndTextLineEnds_AsCrlf()
    {
        await using var world = await MixedWorldAsync();
        await using var client = await SelectAsync(world);
        Assert.Equal("* 1 FETCH (BINARY[3] ~{5}\r\na\0b\0c)", (await client.CommandAsync("b FETCH 1 BINARY.PEEK[3]", "b OK"))[0]);

        // RFC 3516 §4.3: a text part decoded to bare LFs goes out with CRLF.
        Assert.Equal("* 1 FETCH (BINARY[4] {10}\r\none\r\ntwo\r\n)", (await client.CommandAsync("c FETCH 1 BINARY.PEEK[4]", "c OK"))[0]);
        Assert.Equal("* 1 FETCH (BINARY[9] \"\")", (await client.CommandAsync("d FETCH 1 BINARY.PEEK[9]", "d OK"))[0]);
    }

    [Fact]
    public async Task MultipartsAndTheWholeMessage_AreSentAsStored()
    {
        await using var world = await MixedWorldAsync();
        await using var client = await SelectAsync(world);
        var (line, literal, _) = await client.CommandLiteralAsync("b FETCH 1 BINARY.PEEK[]", "b OK");
        var raw = Encoding.UTF8.GetBytes(Mixed);
        Assert.Equal($"* 1 FETCH (BINARY[] ~{{{raw.Length}}}", line);
        Assert.Equal(raw, literal);
        var (_, body, _) = await client.CommandLiteralAsync("c FETCH 1 BODY.PEEK[5]", "c OK");
        (line, literal, _) = await client.CommandLiteralAsync("d FETCH 1 BINARY.PEEK[5]", "d OK");
        Assert.Equal($"* 1 FETCH (BINARY[5] {{{body.Length}}}", line);
        Assert.Equal(body, literal);
    }

    [Fact]
    public async Task UnknownEncoding_IsNoUnknownCte_AndTheOtherMessagesAreSent()
    {
        await using var world = await MixedWorldAsync();
        await world.AppendAsync(world.Alice, "INBOX", Gzip64);
        await using var client = await SelectAsync(world);
        Assert.Single(await client.CommandAsync("b FETCH 2 BINARY[1]", "b NO [UNKNOWN-CTE]"));
        Assert.Single(await client.CommandAsync("c FETCH 2 BINARY.SIZE[1]", "c NO [UNKNOWN-CTE]"));
        var lines = await client.CommandAsync("d FETCH 1:2 BINARY.SIZE[1]", "d NO [UNKNOWN-CTE]");
        Assert.Equal([$"* 1 FETCH (BINARY.SIZE[1] {QuotedPrintableDecoded.Length})"], lines[..^1]);

        // The failed BINARY[1] set no \Seen; the message as stored needs no decoding.
        Assert.Equal("* 2 FETCH (FLAGS (\\Recent))", (await client.CommandAsync("e FETCH 2 FLAGS", "e OK"))[0]);
        Assert.Equal($"* 2 FETCH (BINARY.SIZE[] {Gzip64.Length})", (await client.CommandAsync("f FETCH 2 BINARY.SIZE[]", "f OK"))[0]);
    }

    [Theory]
    [InlineData("BINARY[HEADER]")]
    [InlineData("BINARY.PEEK[TEXT]")]
    [InlineData("BINARY[1.MIME]")]
    [InlineData("BINARY.PEEK[HEADER.FIELDS (SUBJECT)]")]
    [InlineData("BINARY.SIZE[2]<0.10>")]
    public async Task SectionTexts_AreBad(string item)
    {
        await using var world = await MixedWorldAsync();
        await using var client = await SelectAsync(world);
        await client.CommandAsync($"b FETCH 1 ({item})", "b BAD");
        await client.CommandAsync("c NOOP", "c OK");
    }

    [Fact]
    public async Task Binary_SetsSeen_ButPeekAndSizeDoNot()
    {
        await using var world = await MixedWorldAsync();
        await using var client = await SelectAsync(world);
        await client.CommandAsync("b FETCH 1 (BINARY.PEEK[5.1] BINARY.SIZE[1])", "b OK");
        Assert.Equal("* 1 FETCH (FLAGS (\\Recent))", (await client.CommandAsync("c FETCH 1 FLAGS", "c OK"))[0]);
        Assert.Equal("* 1 FETCH (BINARY[5.1] {3}\r\nx=y FLAGS (\\Seen \\Recent))", (await client.CommandAsync("d FETCH 1 BINARY[5.1]", "d OK"))[0]);
        Assert.Equal("* 1 FETCH (FLAGS (\\Seen \\Recent))", (await client.CommandAsync("e FETCH 1 FLAGS", "e OK"))[0]);
    }

    [Fact]
    public async Task LargeAttachment_IsDecodedFromTwoRangedReads()
    {
        var large = RandomBytes(3 * 1024 * 1024);
        var raw = Mixed.Replace(
            Convert.ToBase64String(Attachment, Base64FormattingOptions.InsertLineBreaks),
            Convert.ToBase64String(large, Base64FormattingOptions.InsertLineBreaks),
            StringComparison.Ordinal);
        await using var world = await ImapWorld.CreateAsync();
        await world.AppendAsync(world.Alice, "INBOX", raw);
        await using var client = await SelectAsync(world);
        var before = world.BlobReads.Reads;
        var (line, literal, _) = await client.CommandLiteralAsync("b FETCH 1 BINARY.PEEK[2]", "b OK");
        Assert.Equal($"* 1 FETCH (BINARY[2] ~{{{large.Length}}}", line);
        Assert.Equal(large, literal);

        // One pass to count and look for a NUL, one to send.
        Assert.Equal(2, world.BlobReads.Reads - before);
        Assert.Equal($"* 1 FETCH (BINARY.SIZE[2] {large.Length})", (await client.CommandAsync("c FETCH 1 BINARY.SIZE[2]", "c OK"))[0]);
    }

    [Fact]
    public async Task Append_WithLiteral8_RoundTripsTheOctets()
    {
        var body = Enumerable.Range(0, 512).Select(i => (byte)i).ToArray();
        var raw = Encoding.ASCII.GetBytes(
            "From: Alice <alice@hosted.test>\r\nSubject: Raw\r\nMIME-Version: 1.0\r\n" +
            "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n").Concat(body).ToArray();
        await using var world = await ImapWorld.CreateAsync();
        await using var client = await world.LoginAsync();
        await client.SendAsync($"a APPEND INBOX ~{{{raw.Length}}}\r\n");
        await client.ExpectLineAsync("+ ");
        await client.SendRawAsync([.. raw, .. "\r\n"u8]);
        await client.ReadUntilTaggedAsync("a", "a OK [APPENDUID ");
        await client.SendRawAsync([.. Encoding.ASCII.GetBytes($"b APPEND INBOX (\\Seen) ~{{{raw.Length}+}}\r\n"), .. raw, .. "\r\n"u8]);
        await client.ReadUntilTaggedAsync("b", "b OK [APPENDUID ");

        await client.CommandAsync("c SELECT INBOX", "c OK");
        foreach (var message in new[] { 1, 2 })
        {
            var (line, literal, _) = await client.CommandLiteralAsync($"d{message} FETCH {message} BINARY.PEEK[1]", $"d{message} OK");
            Assert.Equal($"* {message} FETCH (BINARY[1] ~{{512}}", line);
            Assert.Equal(body, literal);
            (_, literal, _) = await client.CommandLiteralAsync($"e{message} FETCH {message} BODY.PEEK[]", $"e{message} OK");
            Assert.Equal(raw, literal);
        }
    }

    [Fact]
    public async Task Literal8_KeepsTheLiteralCaps_AndIsBadOutsideAppend()
    {
        await using var world = await ImapWorld.CreateAsync();
        var options = ImapWorld.DefaultOptions();
        options.AppendLimit = 4096;
        await using var client = await world.LoginAsync(options: options);
        await client.CommandAsync("a APPEND INBOX ~{5000}", "a NO [TOOBIG]");
        await client.CommandAsync("b SELECT ~{5+}\r\nINBOX", "b BAD literal8 is only allowed in APPEND");
        await client.CommandAsync("c APPEND ~{5+}\r\nINBOX {1}\r\nx", "c BAD");
        await client.CommandAsync("d NOOP", "d OK");
        await client.SendAsync("e APPEND INBOX ~{5000+}\r\n");
        await client.ExpectLineAsync("* BYE [TOOBIG]");
        await client.ExpectClosedAsync();
    }

    /// <summary>Seeded bytes with a NUL at 10 and at 4093 (when that long) and none in 100-149.</summary>
    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(3516).NextBytes(bytes);
        for (var i = 100; i < 150; i++)
        {
            bytes[i] = bytes[i] == 0 ? (byte)1 : bytes[i];
        }

        bytes[10] = 0;
        bytes[Math.Min(4093, length - 1)] = 0;
        return bytes;
    }

    private static async Task<ImapWorld> MixedWorldAsync()
    {
        var world = await ImapWorld.CreateAsync();
        await world.AppendAsync(world.Alice, "INBOX", Mixed);
        return world;
    }

    private static async Task<ImapTestClient> SelectAsync(ImapWorld world)
    {
        var client = await world.LoginAsync();
        await client.CommandAsync("a SELECT INBOX", "a OK");
        return client;
    }
}
