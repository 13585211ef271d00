using ServerlessMail.Imap.Protocol;

namespace ServerlessMail.Imap.Tests.Protocol;

/// <summary>The rev1 (modified UTF-7) and rev2 (UTF-8, RFC 9051 §5.1) wire spellings of mailbox names.</summary>
public sealed class MailboxNamesTests
{
    [Theory]
    [InlineData("Entw&APw-rfe", false, "Entwürfe")]
    [InlineData("Tom &- Jerry", false, "Tom & Jerry")]
    [InlineData("Entwürfe", true, "Entwürfe")]
    [InlineData("Entw&APw-rfe", true, "Entw&APw-rfe")]
    [InlineData("Tom & Jerry", true, "Tom & Jerry")]
    [InlineData("nai\u0308ve", true, "nai\u0308ve")]
    public void Decodes(string wire, bool utf8, string expected)
    {
        Assert.Null(MailboxNames.TryDecode(wire, utf8, out var name));
        Assert.Equal(expected, name);
    }

    [Theory]
    [InlineData("Entwürfe", false)]
    [InlineData("Tab\there", true)]
    [InlineData("Del\u007Fhere", true)]
    [InlineData("C1\u0085here", true)]
    [InlineData("Line\u2028break", true)]
    public void Refuses(string wire, bool utf8) => Assert.NotNull(MailboxNames.TryDecode(wire, utf8, out _));

    [Theory]
    [InlineData("Entwürfe", false, "Entw&APw-rfe")]
    [InlineData("Tom & Jerry", false, "Tom &- Jerry")]
    [InlineData("Entwürfe", true, "Entwürfe")]
    [InlineData("Tom & Jerry", true, "Tom & Jerry")]
    public void Encodes(string name, bool utf8, string expected) => Assert.Equal(expected, MailboxNames.Encode(name, utf8));
}
