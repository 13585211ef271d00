using System.Text;

namespace ServerlessMail.Smtp.Tests;

public sealed class PathParserTests
{
    [Theory]
    [InlineData("<alice@hosted.test>", "alice@hosted.test", false, false)]
    [InlineData("<Alice.B+tag@Hosted.Test>", "Alice.B+tag@Hosted.Test", false, false)]
    [InlineData("<\"alice\"@hosted.test>", "alice@hosted.test", false, false)]
    [InlineData("<\"john doe\"@hosted.test>", "\"john doe\"@hosted.test", false, false)]
    [InlineData("<@relay.test,@other.test:alice@hosted.test>", "alice@hosted.test", true, false)]
    [InlineData("<alice@[192.0.2.1]>", "alice@[192.0.2.1]", false, true)]
    [InlineData("<alice@[IPv6:2001:db8::1]>", "alice@[IPv6:2001:db8::1]", false, true)]
    [InlineData("<josé@exämple.test>", "josé@exämple.test", false, false)]
    public void ValidPaths(string input, string address, bool routed, bool literal)
    {
        Assert.True(SmtpPathParser.TryParse(Encoding.UTF8.GetBytes(input), allowNull: false, out var path, out var used));
        Assert.Equal(address, path.Address);
        Assert.Equal(routed, path.HasSourceRoute);
        Assert.Equal(literal, path.IsAddressLiteral);
        Assert.Equal(Encoding.UTF8.GetByteCount(input), used);
    }

    [Theory]
    [InlineData("alice@hosted.test")]
    [InlineData("<alice@hosted.test")]
    [InlineData("<alice>")]
    [InlineData("<@hosted.test>")]
    [InlineData("<a@b@hosted.test>")]
    [InlineData("<.alice@hosted.test>")]
    [InlineData("<al..ice@hosted.test>")]
    [InlineData("<alice@-hosted.test>")]
    [InlineData("<alice@hosted..test>")]
    [InlineData("<alice@hosted.test.>")]
    [InlineData("<@relay.test alice@hosted.test>")]
    [InlineData("<\"unterminated@hosted.test>")]
    [InlineData("<al ice@hosted.test>")]
    public void InvalidPaths(string input)
    {
        Assert.False(SmtpPathParser.TryParse(Encoding.UTF8.GetBytes(input), allowNull: false, out _, out _));
    }

    [Fact]
    public void TheNullPath_OnlyWhereAllowed()
    {
        Assert.True(SmtpPathParser.TryParse("<>"u8, allowNull: true, out var path, out _));
        Assert.True(path.IsNull);
        Assert.False(SmtpPathParser.TryParse("<>"u8, allowNull: false, out _, out _));
    }

    [Theory]
    [InlineData("<user%elsewhere.test@hosted.test>")]
    [InlineData("<elsewhere.test!user@hosted.test>")]
    [InlineData("<\"user@elsewhere.test\"@hosted.test>")]
    public void RoutingCharacters_AreRecognised(string input)
    {
        Assert.True(SmtpPathParser.TryParse(Encoding.UTF8.GetBytes(input), allowNull: false, out var path, out _));
        Assert.True(path.HasRoutingCharacters);
    }

    [Fact]
    public void OverlongLocalPart_IsRefused()
    {
        Assert.False(SmtpPathParser.TryParse(Encoding.ASCII.GetBytes($"<{new string('a', 65)}@hosted.test>"), false, out _, out _));
        Assert.True(SmtpPathParser.TryParse(Encoding.ASCII.GetBytes($"<{new string('a', 64)}@hosted.test>"), false, out _, out _));
    }
}
