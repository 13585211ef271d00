namespace ServerlessMail.Smtp;

/// <summary><c>RSET</c> takes no arguments (RFC 5321 §4.1.1.5).</summary>
internal static class RsetParser
{
    public static bool TryParse(ReadOnlySpan<byte> arguments) => arguments.Trim((byte)' ').IsEmpty;
}
