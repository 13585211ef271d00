using System.Buffers;
using System.Text;
using System.Text.Json;
using ServerlessMail.Imap.Rendering;

namespace ServerlessMail.Imap.Tests.Rendering;

/// <summary>
/// ENVELOPE, BODY and BODYSTRUCTURE of the corpus messages where we answer octet for octet as Dovecot does.
/// Samples/dovecot-2.3.19-fetch.json holds Dovecot 2.3.19's answers (its imap binary in PREAUTH mode over a Maildir
/// of the corpus, literals inline, octets as Latin-1 chars). The other corpus messages differ only in the ways
/// BodyStructureWriter documents (lines of a last unterminated line, CRLF-counted sizes of bare-LF mail, decoded
/// RFC 2231 parameters, message/global envelopes) or where our MIME parser reads malformed mail differently.
/// </summary>
public sealed class DovecotGoldenTests
{
    private static readonly Dictionary<string, Dictionary<string, string>> Golden = Load();

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in Golden.Keys.Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void Golden_CoversMostOfTheCorpus() => Assert.True(Golden.Count >= 40, $"only {Golden.Count} golden messages");

    [Theory]
    [MemberData(nameof(Names))]
    public void SameAsDovecot(string name)
    {
        var message = Render.Stored(name);
        Assert.Equal(Golden[name]["ENVELOPE"], Latin1(o => EnvelopeWriter.Write(o, message.Root)));
        Assert.Equal(Golden[name]["BODY"], Latin1(o => BodyStructureWriter.Write(o, message.Root, extended: false)));
        Assert.Equal(Golden[name]["BODYSTRUCTURE"], Latin1(o => BodyStructureWriter.Write(o, message.Root, extended: true)));
    }

    private static string Latin1(Action<IBufferWriter<byte>> write)
    {
        var output = new ArrayBufferWriter<byte>();
        write(output);
        return Encoding.Latin1.GetString(output.WrittenSpan);
    }

    private static Dictionary<string, Dictionary<string, string>> Load()
    {
        var path = Path.Combine(Render.TestDirectory, "Rendering", "Samples", "dovecot-2.3.19-fetch.json");
        return JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(File.ReadAllText(path))
            ?? throw new InvalidOperationException("empty golden file");
    }
}
