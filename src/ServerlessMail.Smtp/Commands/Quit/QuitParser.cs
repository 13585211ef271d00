namespace ServerlessMail.Smtp;

/// <summary><c>QUIT</c> takes no arguments (RFC 5321 §4.1.1.10).</summary>
internal static class QuitParser
{
    public static bool TryParse(ReadOnlySpan<byte> arguments) => arguments.Trim((byte)' ').IsEmpty;
}
