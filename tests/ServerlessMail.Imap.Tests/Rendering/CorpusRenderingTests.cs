using ServerlessMail.Imap.Rendering;

namespace ServerlessMail.Imap.Tests.Rendering;

/// <summary>
/// ENVELOPE, BODY and BODYSTRUCTURE of corpus messages, each from the structure as stored (parsed, then
/// round-tripped through MimeStructureCodec). The expected strings are what Dovecot 2.3.19 answers for the same
/// .eml files in a Maildir; where ours differ on purpose, the case says so.
/// </summary>
public sealed class CorpusRenderingTests
{
    [Theory]
    [MemberData(nameof(EnvelopeCases))]
    public void Envelope_MatchesDovecot(string name, string expected) =>
        Assert.Equal(expected, Render.ToText(o => EnvelopeWriter.Write(o, Render.Stored(name).Root)));

    [Theory]
    [MemberData(nameof(BodyCases))]
    public void Body_MatchesDovecot(string name, string expected) =>
        Assert.Equal(expected, Render.ToText(o => BodyStructureWriter.Write(o, Render.Stored(name).Root, extended: false)));

    [Theory]
    [MemberData(nameof(BodyStructureCases))]
    public void BodyStructure_MatchesDovecot(string name, string expected) =>
        Assert.Equal(expected, Render.ToText(o => BodyStructureWriter.Write(o, Render.Stored(name).Root, extended: true)));

    public static TheoryData<string, string> EnvelopeCases() => new()
    {
        {
            "001-plain-ascii",
            """("Mon, 03 Jun 2024 09:12:45 +0200" "Lunch on Thursday?" (("Ana Ortega" NIL "ana.ortega" "example.org")) (("Ana Ortega" NIL "ana.ortega" "example.org")) (("Ana Ortega" NIL "ana.ortega" "example.org")) (("Ben Kowalski" NIL "ben.k" "example.net")) NIL NIL NIL "<20240603091245.4c1d@mail.example.org>")"""
        },
        {
            "009-gmail-alternative",
            """("Mon, 5 Feb 2024 09:15:42 +0100" "Re: Kickoff planning" (("Priya Raman" NIL "priya.raman" "example.com")) (("Priya Raman" NIL "priya.raman" "example.com")) (("Priya Raman" NIL "priya.raman" "example.com")) (("Lukas Brandt" NIL "lukas.brandt" "example.de")) ((NIL NIL "events" "example.com")) NIL "<CAJ9wQm4uV7eR2tY8iO3pA6sD1fG5hJ0kL4zX7cV2bN9mQ8wE1r@mail.gmail.com>" "<CAF3nT7x_Rk2Lp8Wq5Yc1Hv6Jd9Mb4Zs0Ue3Ng7Xa2Oi5Pw@mail.gmail.com>")"""
        },
        {
            "010-gmail-attachments",
            """("Fri, 15 Mar 2024 11:02:19 -0400" "March sales export + contract" (("Sam Okafor" NIL "sam.okafor" "example.com")) (("Sam Okafor" NIL "sam.okafor" "example.com")) (("Sam Okafor" NIL "sam.okafor" "example.com")) ((NIL NIL "finance" "example.org")) NIL NIL NIL "<CAK8vB2wP4nT6sR1xQ9uY3zM7eL0aJ5hG2fD8cV1bN4mW6kS=9Q@mail.gmail.com>")"""
        },
        {
            "022-forward-rfc822-attachment",
            """("Wed, 8 May 2024 09:03:12 +0200" "Fwd: Supplier shortlist" (("Procurement" NIL "procurement" "example.com")) (("Procurement" NIL "procurement" "example.com")) (("Procurement" NIL "procurement" "example.com")) (("Legal" NIL "legal" "example.com")) NIL NIL NIL "<e8b1c0d2-3f4a-4b5c-9d6e-7f8091a2b3c4@example.com>")"""
        },
        {
            "082-group-addresses",
            """("Mon, 28 Oct 2024 09:00:00 +0000" "Group addresses" (("Board Secretary" NIL "secretary" "example.org")) (("Board Secretary" NIL "secretary" "example.org")) ((NIL NIL "Unterminated group" NIL)(NIL NIL "first" "example.com")(NIL NIL "second" "example.com")(NIL NIL NIL NIL)) ((NIL NIL "undisclosed-recipients" NIL)(NIL NIL NIL NIL)) ((NIL NIL "Board" NIL)(NIL NIL "chair" "example.org")("Treasurer, Acting" NIL "treasurer" "example.org")("=?utf-8?Q?Ren=C3=A9e_Dubois?=" NIL "renee" "example.org")(NIL NIL NIL NIL)(NIL NIL "observer" "example.net")) ((NIL NIL "Auditors" NIL)(NIL NIL "audit1" "example.com")("external" NIL "audit2" "example.com")(NIL NIL NIL NIL)) NIL "<groups@example.org>")"""
        },
    };

    // Deliberate difference in 010: its text/csv part's last line has no line break of its own (the CRLF before the
    // boundary belongs to the delimiter, RFC 2046 §5.1.1). Dovecot counts line breaks (20); we give
    // MimeEntity.BodyLineCount, which counts that last line too (21).
    public static TheoryData<string, string> BodyCases() => new()
    {
        {
            "001-plain-ascii",
            """("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 150 6)"""
        },
        {
            "009-gmail-alternative",
            """(("text" "plain" ("charset" "UTF-8") NIL NIL "quoted-printable" 453 21)("text" "html" ("charset" "UTF-8") NIL NIL "quoted-printable" 937 14) "alternative")"""
        },
        {
            "010-gmail-attachments",
            """((("text" "plain" ("charset" "UTF-8") NIL NIL "7bit" 99 6)("text" "html" ("charset" "UTF-8") NIL NIL "7bit" 174 1) "alternative")("application" "pdf" ("name" "Contract_signed.pdf") "<f_ltsq9k2e0>" NIL "base64" 12314)("text" "csv" ("charset" "US-ASCII" "name" "sales_2024-03-01_2024-03-14.csv") "<f_ltsq9k2g1>" NIL "base64" 1624 21) "mixed")"""
        },
        {
            "022-forward-rfc822-attachment",
            """(("text" "plain" ("charset" "UTF-8" "format" "flowed") NIL NIL "7bit" 54 1)("message" "rfc822" ("name" "Supplier shortlist.eml") NIL NIL "7bit" 916 ("Tue, 7 May 2024 16:20:41 +0900" "Supplier shortlist" (("Hana Kim" NIL "hana.kim" "example.net")) (("Hana Kim" NIL "hana.kim" "example.net")) (("Hana Kim" NIL "hana.kim" "example.net")) (("Procurement" NIL "procurement" "example.com")) NIL NIL NIL "<20240507072041.88213.hana@example.net>") (("text" "plain" ("charset" "utf-8") NIL NIL "quoted-printable" 192 5)("text" "html" ("charset" "utf-8") NIL NIL "quoted-printable" 218 3) "alternative") 27) "mixed")"""
        },
        {
            "082-group-addresses",
            """("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 38 1)"""
        },
    };

    public static TheoryData<string, string> BodyStructureCases() => new()
    {
        {
            "001-plain-ascii",
            """("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 150 6 NIL NIL NIL NIL)"""
        },
        {
            "009-gmail-alternative",
            """(("text" "plain" ("charset" "UTF-8") NIL NIL "quoted-printable" 453 21 NIL NIL NIL NIL)("text" "html" ("charset" "UTF-8") NIL NIL "quoted-printable" 937 14 NIL NIL NIL NIL) "alternative" ("boundary" "0000000000005371e1a064f3cfff") NIL NIL NIL)"""
        },
        {
            "010-gmail-attachments",
            """((("text" "plain" ("charset" "UTF-8") NIL NIL "7bit" 99 6 NIL NIL NIL NIL)("text" "html" ("charset" "UTF-8") NIL NIL "7bit" 174 1 NIL NIL NIL NIL) "alternative" ("boundary" "000000000000a3f2c0061a7b9e03") NIL NIL NIL)("application" "pdf" ("name" "Contract_signed.pdf") "<f_ltsq9k2e0>" NIL "base64" 12314 NIL ("attachment" ("filename" "Contract_signed.pdf")) NIL NIL)("text" "csv" ("charset" "US-ASCII" "name" "sales_2024-03-01_2024-03-14.csv") "<f_ltsq9k2g1>" NIL "base64" 1624 21 NIL ("attachment" ("filename" "sales_2024-03-01_2024-03-14.csv")) NIL NIL) "mixed" ("boundary" "000000000000a3f2c1061a7b9e05") NIL NIL NIL)"""
        },
        {
            "022-forward-rfc822-attachment",
            """(("text" "plain" ("charset" "UTF-8" "format" "flowed") NIL NIL "7bit" 54 1 NIL NIL NIL NIL)("message" "rfc822" ("name" "Supplier shortlist.eml") NIL NIL "7bit" 916 ("Tue, 7 May 2024 16:20:41 +0900" "Supplier shortlist" (("Hana Kim" NIL "hana.kim" "example.net")) (("Hana Kim" NIL "hana.kim" "example.net")) (("Hana Kim" NIL "hana.kim" "example.net")) (("Procurement" NIL "procurement" "example.com")) NIL NIL NIL "<20240507072041.88213.hana@example.net>") (("text" "plain" ("charset" "utf-8") NIL NIL "quoted-printable" 192 5 NIL NIL NIL NIL)("text" "html" ("charset" "utf-8") NIL NIL "quoted-printable" 218 3 NIL NIL NIL NIL) "alternative" ("boundary" "alt-7f3c2b") NIL NIL NIL) 27 NIL ("attachment" ("filename" "Supplier shortlist.eml")) NIL NIL) "mixed" ("boundary" "------------Fw8dK2pL0sQ4vX7zA1cE5gJ9") NIL NIL NIL)"""
        },
        {
            "082-group-addresses",
            """("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 38 1 NIL NIL NIL NIL)"""
        },
    };

    // A message made for the extension fields Dovecot answers the same way: empty Sender and Reply-To default to From,
    // a group inside To, encoded-words and a fold kept raw, a text part without a charset, MD5/language/location,
    // an inline disposition without parameters, and a multipart's own Content-Language.
    private const string Crafted =
        "From: =?utf-8?Q?Ren=C3=A9e?= <renee@example.org>\r\n" +
        "Sender:\r\n" +
        "Reply-To: \r\n" +
        "To: \"Quoted, Name\" <a@example.com>, team: b@example.com, \"C\" <c@example.com>;\r\n" +
        "Subject: =?iso-8859-1?q?caf=E9?= and\r\n" +
        "\tfolded\r\n" +
        "Date: Tue, 4 Jun 2024 23:30:00 -0700\r\n" +
        "In-Reply-To: <parent@example.org>\r\n" +
        "Message-ID: <child@example.org>\r\n" +
        "MIME-Version: 1.0\r\n" +
        "Content-Type: multipart/mixed; boundary=\"b1\"\r\n" +
        "Content-Language: en, de\r\n" +
        "\r\n" +
        "--b1\r\n" +
        "Content-Type: text/plain; format=flowed\r\n" +
        "Content-Description: The body\r\n" +
        "Content-Language: en\r\n" +
        "Content-Location: http://example.org/body.txt\r\n" +
        "Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==\r\n" +
        "\r\n" +
        "Hello\r\n" +
        "world\r\n" +
        "\r\n" +
        "--b1\r\n" +
        "Content-Type: image/png; name=\"dot.png\"\r\n" +
        "Content-Disposition: inline\r\n" +
        "Content-ID: <dot@example.org>\r\n" +
        "Content-Transfer-Encoding: base64\r\n" +
        "\r\n" +
        "iVBORw0KGgo=\r\n" +
        "--b1--\r\n";

    [Fact]
    public void Crafted_Envelope_KeepsEncodedWordsRaw_DefaultsSenderAndReplyTo_AndListsGroups() =>
        Assert.Equal(
            """("Tue, 4 Jun 2024 23:30:00 -0700" "=?iso-8859-1?q?caf=E9?= and	folded" (("=?utf-8?Q?Ren=C3=A9e?=" NIL "renee" "example.org")) (("=?utf-8?Q?Ren=C3=A9e?=" NIL "renee" "example.org")) (("=?utf-8?Q?Ren=C3=A9e?=" NIL "renee" "example.org")) (("Quoted, Name" NIL "a" "example.com")(NIL NIL "team" NIL)(NIL NIL "b" "example.com")("C" NIL "c" "example.com")(NIL NIL NIL NIL)) NIL NIL "<parent@example.org>" "<child@example.org>")""",
            Render.ToText(o => EnvelopeWriter.Write(o, Render.Stored(System.Text.Encoding.ASCII.GetBytes(Crafted)).Root)));

    [Fact]
    public void Crafted_Body_MatchesDovecot() =>
        Assert.Equal(
            """(("text" "plain" ("format" "flowed" "charset" "us-ascii") NIL "The body" "7bit" 14 2)("image" "png" ("name" "dot.png") "<dot@example.org>" NIL "base64" 12) "mixed")""",
            Render.ToText(o => BodyStructureWriter.Write(o, Render.Stored(System.Text.Encoding.ASCII.GetBytes(Crafted)).Root, extended: false)));

    [Fact]
    public void Crafted_BodyStructure_MatchesDovecot() =>
        Assert.Equal(
            """(("text" "plain" ("format" "flowed" "charset" "us-ascii") NIL "The body" "7bit" 14 2 "Q2hlY2sgSW50ZWdyaXR5IQ==" NIL ("en") "http://example.org/body.txt")("image" "png" ("name" "dot.png") "<dot@example.org>" NIL "base64" 12 NIL ("inline" NIL) NIL NIL) "mixed" ("boundary" "b1") NIL ("en" "de") NIL)""",
            Render.ToText(o => BodyStructureWriter.Write(o, Render.Stored(System.Text.Encoding.ASCII.GetBytes(Crafted)).Root, extended: true)));

    // Deliberate differences from Dovecot, each pinned so a change is a decision.
    [Fact]
    public void Rfc2231Parameters_AreReassembledAndSentAsOneUtf8EncodedWord()
    {
        // Dovecot: ("filename*" "UTF-8''%C3%9Cbersicht%20der...") and the name as the sender's two encoded-words.
        var text = Render.ToText(o => BodyStructureWriter.Write(o, Render.Stored("017-thunderbird-attachment-rfc2231").Root, extended: true));
        Assert.Contains(
            """("application" "pdf" ("name" "=?utf-8?B?w5xiZXJzaWNodCBkZXIgUXVhcnRhbHNiZXJpY2h0ZSBmw7xyIGRhcyBHZXNjaMOkZnRzamFociAyMDIzLnBkZg==?=") NIL NIL "base64" 4792 NIL ("attachment" ("filename" "=?utf-8?B?w5xiZXJzaWNodCBkZXIgUXVhcnRhbHNiZXJpY2h0ZSBmw7xyIGRhcyBHZXNjaMOkZnRzamFociAyMDIzLnBkZg==?=")) NIL NIL)""",
            text,
            StringComparison.Ordinal);
    }

    [Fact]
    public void MessageGlobal_HasItsEnvelopeBodyAndLines_InUtf8Literals()
    {
        // Dovecot 2.3 writes message/global as a basic part; RFC 6532 §3.7 and RFC 9051 treat it as message/rfc822.
        var text = Render.ToText(o => BodyStructureWriter.Write(o, Render.Stored("024-message-global-utf8").Root, extended: false));
        Assert.Equal(
            "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 53 1)(\"message\" \"global\" NIL NIL NIL \"7bit\" 507 " +
            "(\"Tue, 11 Jun 2024 13:22:09 +0300\" {60}\r\nΣυνάντηση την Πέμπτη — møte på torsdag " +
            "(({35}\r\nΣοφία Παπαδοπούλου NIL {10}\r\nσοφία {25}\r\nπαράδειγμα.ελ)) " +
            "(({35}\r\nΣοφία Παπαδοπούλου NIL {10}\r\nσοφία {25}\r\nπαράδειγμα.ελ)) " +
            "(({35}\r\nΣοφία Παπαδοπούλου NIL {10}\r\nσοφία {25}\r\nπαράδειγμα.ελ)) " +
            "(({16}\r\nHåkon Ødegård NIL {6}\r\nhåkon \"eksempel.no\")) NIL NIL NIL {40}\r\n<u8-0611-4412@παράδειγμα.ελ>) " +
            "(\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"8bit\" 123 5) 14) \"mixed\")",
            text);
    }

    [Fact]
    public void TransferEncoding_IsTheTokenAsWritten_WithoutItsComment()
    {
        var text = Render.ToText(o => BodyStructureWriter.Write(o, Render.Stored("097-unknown-transfer-encodings").Root, extended: false));
        Assert.StartsWith("""(("text" "plain" ("charset" "utf-8") NIL NIL "BASE64" 24 1)("text" "plain" ("charset" "utf-8") NIL NIL "Quoted-Printable" 20 1)("text" "plain" ("charset" "utf-8") NIL NIL "base64" 20 1)""", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Envelope_KeepsEveryAddressOfAPieceDovecotGivesUpOn()
    {
        // Dovecot stops Cc at the first bad piece: (("no-angle-brackets Bob bob" NIL "MISSING_MAILBOX" "MISSING_DOMAIN")).
        var text = Render.ToText(o => EnvelopeWriter.Write(o, Render.Stored("083-addresses-with-comments").Root));
        Assert.Contains(
            """((NIL NIL "no-angle-brackets Bob bob" "example.com")(NIL NIL "bare" "example.com")("Quoted \"inner\" name" NIL "quoted" "example.com")(NIL NIL "admin" "[192.0.2.10]"))""",
            text,
            StringComparison.Ordinal);
        Assert.Contains("""(("Mary Smith" "@relay1.example,@relay2.example" "mary" "example.net")(NIL NIL "john..doe" "example.com")""", text, StringComparison.Ordinal);
    }
}
