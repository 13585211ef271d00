using System.Globalization;
using System.Text.Json;
using ServerlessMail.Imap.Rendering;

namespace ServerlessMail.Imap.Tests.Rendering;

/// <summary>
/// Every section form on messages with nested parts and forwarded messages, resolved from the stored structure and
/// read from the raw message as the session does (range, then filter). Samples/dovecot-2.3.19-sections.json holds
/// Dovecot 2.3.19's BODY.PEEK[...] answers for the same .eml files (base64; null where Dovecot answers NIL), keyed
/// by the section as Dovecot names it in the response, which is also our canonical form.
/// </summary>
public sealed class SectionResolverTests
{
    private static readonly Dictionary<string, Dictionary<string, string?>> Golden = Load();

    private static readonly HashSet<(string, string)> LeafSelfParts =
    [
        ("010-gmail-attachments", "2.1"), ("010-gmail-attachments", "2.1.MIME"), ("022-forward-rfc822-attachment", "1.1"),
        ("022-forward-rfc822-attachment", "2.1.1"), ("022-forward-rfc822-attachment", "2.2.1"), ("023-forward-nested-twice", "1.1"),
        ("023-forward-nested-twice", "2.1.1"), ("023-forward-nested-twice", "2.2.1"), ("025-multipart-digest", "1.1"),
    ];

    private static readonly HashSet<(string, string)> NestedMultipartBodies = [("010-gmail-attachments", "1")];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (message, sections) in Golden.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            foreach (var section in sections.Keys)
            {
                data.Add(message, section);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Section_IsWhatDovecotAnswers(string message, string section)
    {
        var raw = Render.Raw(message);
        var spec = Parse(section);
        Assert.Equal(section, spec.ToImapString());

        var plan = SectionResolver.Resolve(Render.Stored(message), spec);
        var expected = Convert.FromBase64String(Golden[message][section] ?? string.Empty);
        if (LeafSelfParts.Contains((message, section)))
        {
            // Dovecot reads "n.1" of a part that is neither multipart nor message as the part itself; MimePartNumbers
            // (and so the REST API's attachment ids) has no such number, so for us it does not exist.
            Assert.NotEmpty(expected);
            Assert.False(plan.Exists);
            return;
        }

        if (!plan.Exists)
        {
            // A part that does not exist is answered with "" (the session writes it when Exists is false), as Dovecot does.
            Assert.Empty(expected);
            return;
        }

        if (NestedMultipartBodies.Contains((message, section)))
        {
            // Dovecot's body of a nested multipart also takes the CRLF after its close delimiter; RFC 2046 §5.1.1 gives
            // that CRLF to the enclosing boundary's delimiter, and so does MimeEntity.EndOffset.
            Assert.Equal("\r\n"u8.ToArray(), expected[^2..]);
            expected = expected[..^2];
        }

        var bytes = raw.AsSpan((int)plan.Offset, (int)plan.Length);
        var actual = plan.Filter == SectionFilter.None ? bytes.ToArray() : HeaderFieldFilter.Apply(bytes, plan.Fields, plan.Filter == SectionFilter.HeaderFieldsNot);
        Assert.Equal(System.Text.Encoding.Latin1.GetString(expected), System.Text.Encoding.Latin1.GetString(actual));
    }

    [Theory]
    [InlineData("001-plain-ascii", "MIME")]
    [InlineData("001-plain-ascii", "0")]
    [InlineData("001-plain-ascii", "2")]
    [InlineData("001-plain-ascii", "1.1")]
    [InlineData("010-gmail-attachments", "4")]
    [InlineData("010-gmail-attachments", "1.3")]
    [InlineData("010-gmail-attachments", "1.1.1")]
    [InlineData("010-gmail-attachments", "2.HEADER")]
    [InlineData("010-gmail-attachments", "2.TEXT")]
    [InlineData("022-forward-rfc822-attachment", "2.3")]
    [InlineData("022-forward-rfc822-attachment", "1.HEADER")]
    public void MissingParts_DoNotExist(string message, string section) =>
        Assert.False(SectionResolver.Resolve(Render.Stored(message), Parse(section)).Exists);

    [Theory]
    [InlineData(new[] { 1, 2 }, "Full", "1.2")]
    [InlineData(new[] { 3 }, "Mime", "3.MIME")]
    [InlineData(new[] { 2, 1 }, "Text", "2.1.TEXT")]
    [InlineData(new int[0], "Header", "HEADER")]
    [InlineData(new[] { 4 }, "HeaderFields", "4.HEADER.FIELDS (FROM X-LIST-ID)")]
    [InlineData(new int[0], "HeaderFieldsNot", "HEADER.FIELDS.NOT (FROM X-LIST-ID)")]
    public void ToImapString_IsTheCanonicalResponseForm(int[] part, string kind, string expected) =>
        Assert.Equal(expected, new SectionSpec(part, Enum.Parse<SectionKind>(kind), ["from", "X-List-Id"]).ToImapString());

    [Fact]
    public void Whole_IsTheWholeMessage()
    {
        var structure = Render.Stored("022-forward-rfc822-attachment");
        var plan = SectionResolver.Resolve(structure, SectionSpec.Whole);
        Assert.Equal(new SectionPlan(true, 0, structure.Length, SectionFilter.None, []), plan with { Fields = [] });
        Assert.Equal(string.Empty, SectionSpec.Whole.ToImapString());
    }

    [Fact]
    public void HeaderFields_CarryTheRequestedNames()
    {
        var plan = SectionResolver.Resolve(Render.Stored("001-plain-ascii"), new SectionSpec([], SectionKind.HeaderFieldsNot, ["Received", "x-spam"]));
        Assert.Equal(SectionFilter.HeaderFieldsNot, plan.Filter);
        Assert.Equal(["Received", "x-spam"], plan.Fields);
        Assert.Equal("HEADER.FIELDS.NOT (RECEIVED X-SPAM)", new SectionSpec([], SectionKind.HeaderFieldsNot, ["Received", "x-spam"]).ToImapString());
    }

    [Fact]
    public void SinglePartMessage_Part1IsTheBody_AndPart1MimeItsHeader()
    {
        var raw = Render.Raw("001-plain-ascii");
        var structure = Render.Stored("001-plain-ascii");
        var body = SectionResolver.Resolve(structure, Parse("1"));
        var text = SectionResolver.Resolve(structure, Parse("TEXT"));
        Assert.Equal((text.Offset, text.Length), (body.Offset, body.Length));
        Assert.StartsWith("Hi Ben,", System.Text.Encoding.ASCII.GetString(raw, (int)body.Offset, (int)body.Length), StringComparison.Ordinal);
        var mime = SectionResolver.Resolve(structure, Parse("1.MIME"));
        Assert.Equal(SectionResolver.Resolve(structure, Parse("HEADER")).Length, mime.Length);
    }

    [Theory]
    [InlineData("", "Binary", false)]
    [InlineData("1", "Base64", false)]
    [InlineData("2", "QuotedPrintable", true)]
    [InlineData("3", "Binary", false)]
    [InlineData("3.1", "Unknown", false)]
    [InlineData("3.2", "Default", true)]
    public void Binary_UndoesOnlyALeafsEncoding_AndMarksAsciiText(string part, string encoding, bool text)
    {
        const string raw =
            "Content-Type: multipart/mixed; boundary=b\r\n\r\n" +
            "--b\r\nContent-Type: text/plain; charset=utf-16\r\nContent-Transfer-Encoding: base64\r\n\r\nAGEACg==\r\n" +
            "--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: Quoted-Printable\r\n\r\na=3D\r\n" +
            "--b\r\nContent-Type: multipart/alternative; boundary=c\r\nContent-Transfer-Encoding: 7bit\r\n\r\n" +
            "--c\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: x-gzip64\r\n\r\nxyz\r\n" +
            "--c\r\n\r\nplain\r\n--c--\r\n--b--\r\n";
        var structure = Render.Stored(System.Text.Encoding.ASCII.GetBytes(raw));
        var plan = SectionResolver.ResolveBinary(structure, Parse(part).Part);
        Assert.True(plan.Exists);
        Assert.Equal((Enum.Parse<ServerlessMail.Mime.ContentEncoding>(encoding), text), (plan.Encoding, plan.Text));
        Assert.Equal(encoding == "Unknown", plan.UnknownEncoding);
        Assert.Equal(part.Length == 0 ? (0, raw.Length) : SectionRange(structure, part), (plan.Offset, plan.Length));
        Assert.False(SectionResolver.ResolveBinary(structure, [4]).Exists);
    }

    private static (long, long) SectionRange(ServerlessMail.Mime.MimeMessage structure, string part)
    {
        var body = SectionResolver.Resolve(structure, Parse(part));
        return (body.Offset, body.Length);
    }

    /// <summary>A test-side reading of the section text, enough for these cases; the session has the real parser.</summary>
    internal static SectionSpec Parse(string section)
    {
        var part = new List<int>();
        var rest = section;
        while (rest.Length > 0 && char.IsAsciiDigit(rest[0]))
        {
            var dot = rest.IndexOf('.', StringComparison.Ordinal);
            var number = dot < 0 ? rest : rest[..dot];
            part.Add(int.Parse(number, CultureInfo.InvariantCulture));
            rest = dot < 0 ? string.Empty : rest[(dot + 1)..];
        }

        var open = rest.IndexOf(" (", StringComparison.Ordinal);
        var fields = open < 0 ? [] : rest[(open + 2)..^1].Split(' ');
        var kind = (open < 0 ? rest : rest[..open]) switch
        {
            "" => SectionKind.Full,
            "HEADER" => SectionKind.Header,
            "HEADER.FIELDS" => SectionKind.HeaderFields,
            "HEADER.FIELDS.NOT" => SectionKind.HeaderFieldsNot,
            "TEXT" => SectionKind.Text,
            "MIME" => SectionKind.Mime,
            _ => throw new ArgumentException(section),
        };
        return new SectionSpec(part, kind, fields);
    }

    private static Dictionary<string, Dictionary<string, string?>> Load()
    {
        var path = Path.Combine(Render.TestDirectory, "Rendering", "Samples", "dovecot-2.3.19-sections.json");
        return JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string?>>>(File.ReadAllText(path))
            ?? throw new InvalidOperationException("empty golden file");
    }
}
