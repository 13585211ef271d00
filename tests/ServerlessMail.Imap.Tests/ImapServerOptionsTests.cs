namespace ServerlessMail.Imap.Tests;

public sealed class ImapServerOptionsTests
{
    [Fact]
    public void Defaults_AreValid_WithA25MegabyteAppendLimit()
    {
        var options = new ImapServerOptions();
        options.Validate();
        Assert.Equal(25 * 1024 * 1024, options.AppendLimit);
    }
}
