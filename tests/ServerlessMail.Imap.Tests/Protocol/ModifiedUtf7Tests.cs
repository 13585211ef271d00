using ServerlessMail.Imap.Protocol;

namespace ServerlessMail.Imap.Tests.Protocol;

public sealed class ModifiedUtf7Tests
{
    [Theory]
    [InlineData("INBOX", "INBOX")]
    [InlineData("Entwürfe", "Entw&APw-rfe")]
    [InlineData("~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-")]
    [InlineData("A&B", "A&-B")]
    [InlineData("&", "&-")]
    [InlineData("Ω", "&A6k-")]
    [InlineData("ü€", "&APwgrA-")]
    [InlineData("Привет мир", "&BB8EQAQ4BDIENQRC- &BDwEOARA-")]
    [InlineData("😀", "&2D3eAA-")]
    [InlineData("a\tb", "a&AAk-b")]
    [InlineData("", "")]
    public void EncodesAndDecodes(string name, string wire)
    {
        Assert.Equal(wire, ModifiedUtf7.Encode(name));
        Assert.True(ModifiedUtf7.TryDecode(wire, out var decoded));
        Assert.Equal(name, decoded);
    }

    [Theory]
    [InlineData("Entwürfe")]            // 8-bit: not 7-bit modified UTF-7
    [InlineData("a\u0001b")]            // a control character sent raw
    [InlineData("&APw")]                // no closing '-'
    [InlineData("&APw=-")]              // '=' is not in the alphabet (no padding)
    [InlineData("&AP/-")]               // '/' is ',' in modified BASE64
    [InlineData("&AGE-")]               // "a" encoded: printable ASCII must stand for itself
    [InlineData("&APx-")]               // spare bits not zero
    [InlineData("&A-")]                 // fewer than 16 bits
    [InlineData("&APwA-")]              // eight spare bits: more than a BASE64 digit can leave
    [InlineData("&2D0-")]               // an unpaired high surrogate
    [InlineData("&3gA-")]               // an unpaired low surrogate
    public void RefusesWhatIsNotCanonical(string wire) => Assert.False(ModifiedUtf7.TryDecode(wire, out _));
}
