using System.Text;

namespace ServerlessMail.Net.Tests;

public sealed class SaslTests
{
    [Theory]
    [InlineData("\0agent@example.test\0sm_secret", "agent@example.test", "agent@example.test", "sm_secret")]
    [InlineData("admin\0agent@example.test\0pw", "admin", "agent@example.test", "pw")]
    [InlineData("\0ünïcode@example.test\0pässwörd", "ünïcode@example.test", "ünïcode@example.test", "pässwörd")]
    public void Plain_DecodesAuthorizationUserAndPassword(string message, string authz, string user, string password)
    {
        var base64 = Encoding.ASCII.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes(message)));
        Assert.Equal(SaslError.None, Sasl.TryDecodePlain(base64, out var credentials));
        Assert.Equal(new SaslCredentials(authz, user, password), credentials);
    }

    [Theory]
    [InlineData("not base64!", SaslError.MalformedBase64)]
    [InlineData("AGFAYgBj=", SaslError.MalformedBase64)]
    [InlineData("AGEgYg A=", SaslError.MalformedBase64)]
    [InlineData("*", SaslError.Cancelled)]
    public void Plain_BadInput_IsATypedError(string base64, SaslError expected) =>
        Assert.Equal(expected, Sasl.TryDecodePlain(Encoding.ASCII.GetBytes(base64), out _));

    [Theory]
    [InlineData("user")]
    [InlineData("a\0b")]
    [InlineData("a\0b\0c\0d")]
    [InlineData("a\0\0pw")]
    public void Plain_WrongShape_IsMalformedMessage(string message) =>
        Assert.Equal(SaslError.MalformedMessage, Sasl.TryDecodePlain(Encoding.ASCII.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes(message))), out _));

    [Fact]
    public void TooLongResponses_AreRefusedBeforeDecoding() =>
        Assert.Equal(SaslError.MalformedBase64, Sasl.TryDecodePlain(Encoding.ASCII.GetBytes(new string('A', Sasl.MaxResponseLength + 4)), out _));

    [Fact]
    public void CredentialsNeverPrintTheirPassword() =>
        Assert.DoesNotContain("sm_secret", new SaslCredentials("a", "a", "sm_secret").ToString(), StringComparison.Ordinal);

    [Fact]
    public void Login_DecodesEachStep()
    {
        Assert.Equal(SaslError.None, Sasl.TryDecodeText("YWdlbnRAZXhhbXBsZS50ZXN0"u8, out var user));
        Assert.Equal("agent@example.test", user);
        Assert.Equal(SaslError.MalformedBase64, Sasl.TryDecodeText("%%%"u8, out _));
    }
}
