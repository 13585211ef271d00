using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ServerlessMail.Mime.Tests.Corpus;

/// <summary>
/// An independent check of the corpus: Python's <c>email</c> package decoded every message (python_oracle.py; its
/// output is checked in under python-oracle/). Our leaves must match Python's in order, type, decoded bytes, decoded
/// text and file name, except where we deliberately differ; each such file is listed with the reason, and must
/// still differ, so the list cannot go stale.
/// </summary>
public sealed class PythonOracleTests
{
    private static readonly Dictionary<string, string> KnownDifferences = new()
    {
        ["006"] = "Python's compat32 get_filename() leaves RFC 2047 file names encoded; we decode them.",
        ["026"] = "message/delivery-status is a block of fields (RFC 3464), not a message; Python parses it as messages.",
        ["027"] = "message/delivery-status and text/rfc822-headers are leaves; Python parses them as messages.",
        ["028"] = "message/disposition-notification is a block of fields (RFC 8098), not a message.",
        ["033"] = "An iso-8859-1 label is decoded as windows-1252 (WHATWG), recovering smart quotes Python turns into C1 controls.",
        ["035"] = "A raw Shift_JIS file name is not valid UTF-8: we fall back to windows-1252, Python to U+FFFD.",
        ["038"] = "A gb2312 label is decoded as its GBK superset; Python decodes strictly and loses GBK-only characters.",
        ["040"] = "A raw UTF-8 file name (RFC 6532) is decoded as UTF-8; Python's compat32 mangles it.",
        ["047"] = "When a plain and an RFC 2231 form of a parameter conflict, the RFC 2231 form wins.",
        ["048"] = "Encoded-word file names are decoded; Python's compat32 leaves them encoded.",
        ["049"] = "An encoded-word file name hiding a path is decoded (then sanitised); Python's compat32 leaves it encoded.",
        ["050"] = "Encoded-word file names are decoded (control characters are removed later, by the sanitiser).",
        ["055"] = "Boundaries with an escaped quote or a trailing comment follow RFC 2045 parameter syntax; Python gives up.",
        ["056"] = "An unterminated quoted boundary runs to the end of the field; single quotes are part of a token.",
        ["058"] = "Five delimiters make five parts, two of them empty; Python merges them.",
        ["061"] = "A lone stray line between header fields is kept as an invalid field; Python ends the header block there.",
        ["066"] = "Base64 decoding resumes after padding when more base64 follows; Python stops at the first padding.",
        ["067"] = "Invalid quoted-printable escapes are kept literally; Python drops some of them.",
        ["070"] = "A truncated base64 body is decoded as far as it goes; Python returns the undecoded text.",
        ["074"] = "8-bit text without a charset is decoded as UTF-8 when valid; Python decodes ASCII with replacement.",
        ["075"] = "A base64-encoded message/rfc822 (forbidden by RFC 2046 §5.2.1) is kept whole and decoded; Python parses the encoded text as a message.",
        ["079"] = "An unreadable Content-Type means text/plain (RFC 2045 §5.2); Python keeps the garbage type.",
        ["086"] = "Nesting past MaxDepth (64) becomes one leaf.",
        ["088"] = "Blanks before a field's colon are obsolete but valid (RFC 5322 §4.5.3); Python ends the header block there.",
        ["090"] = "A nested multipart reusing its parent's boundary: the innermost multipart owns the delimiter.",
        ["093"] = "A multipart with no parts stays a multipart with no parts; Python turns its text into leaves.",
        ["095"] = "Text without a declared charset is decoded as UTF-8 when valid; Python decodes ASCII with replacement.",
        ["096"] = "An empty boundary is invalid (RFC 2046 §5.1.1 needs 1–70 characters), so that multipart is a leaf.",
        ["097"] = "Content-Transfer-Encoding with trailing blanks or a comment is still base64; Python treats it as unknown.",
    };

    [Theory]
    [MemberData(nameof(CorpusFiles.Names), MemberType = typeof(CorpusFiles))]
    public void Leaves_AgreeWithPythonsEmailPackage(string name)
    {
        var differences = Compare(name);
        if (KnownDifferences.TryGetValue(name[..3], out var reason))
        {
            Assert.True(differences.Count > 0, $"{name} now agrees with Python; remove it from KnownDifferences ({reason})");
            return;
        }

        Assert.True(differences.Count == 0, $"{name} differs from Python:\n" + string.Join("\n", differences));
    }

    private static List<string> Compare(string name)
    {
        var raw = File.ReadAllBytes(Path.Combine(CorpusFiles.Directory, name));
        var message = MimeParser.Parse(raw);
        var source = new MemoryMimeSource(raw);
        var ours = MimePartNumbers.Enumerate(message.Root).Where(p => p.Entity.Kind == MimeEntityKind.Leaf).Select(p => p.Entity).ToList();

        using var oracle = JsonDocument.Parse(
            File.ReadAllBytes(Path.Combine(CorpusFiles.Directory, "python-oracle", Path.ChangeExtension(name, ".json"))),
            new JsonDocumentOptions { MaxDepth = 1024 });
        var theirs = new List<JsonElement>();
        CollectLeaves(oracle.RootElement.GetProperty("tree"), theirs);

        var differences = new List<string>();
        if (ours.Count != theirs.Count)
        {
            differences.Add($"leaf count: python {theirs.Count}, ours {ours.Count}");
        }

        foreach (var (entity, python) in ours.Zip(theirs))
        {
            var bytes = entity.Decode(source);
            if (python.GetProperty("content_type").GetString() != entity.ContentType.MimeType)
            {
                differences.Add($"type: python {python.GetProperty("content_type")}, ours {entity.ContentType.MimeType}");
            }

            if (python.GetProperty("sha256").GetString() != Convert.ToHexStringLower(SHA256.HashData(bytes)))
            {
                differences.Add($"decoded bytes of a {entity.ContentType.MimeType}: python {python.GetProperty("size")}, ours {bytes.Length}");
            }

            if (python.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.Object)
            {
                var ourText = entity.DecodeText(source);
                if (text.GetProperty("sha256").GetString() != Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ourText))))
                {
                    differences.Add($"decoded text: python {text.GetProperty("chars")} chars, ours {ourText.Length}");
                }
            }

            var theirName = NonEmpty(python, "filename") ?? NonEmpty(python, "filename_default");
            var ourName = entity.ContentDisposition?.FileName ?? entity.ContentType.Name;
            if (theirName != (string.IsNullOrEmpty(ourName) ? null : ourName))
            {
                differences.Add($"file name: python {theirName}, ours {ourName}");
            }
        }

        return differences;
    }

    private static string? NonEmpty(JsonElement node, string property) =>
        node.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s ? s : null;

    private static void CollectLeaves(JsonElement node, List<JsonElement> leaves)
    {
        if (node.TryGetProperty("kind", out var kind) && kind.GetString() == "leaf")
        {
            leaves.Add(node);
        }

        if (node.TryGetProperty("children", out var children) && children.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in children.EnumerateArray())
            {
                CollectLeaves(child, leaves);
            }
        }
    }
}
