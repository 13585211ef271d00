namespace ServerlessMail.Smtp;

/// <summary><c>HELP [SP String]</c> (RFC 5321 §4.1.1.8): a topic may be given; one answer serves all.</summary>
internal static class HelpParser
{
    public static bool TryParse(ReadOnlySpan<byte> arguments) => arguments.IndexOfAnyInRange((byte)0, (byte)31) < 0;
}
