namespace ServerlessMail.Smtp;

/// <summary><c>DATA</c> takes no arguments (RFC 5321 §4.1.1.4).</summary>
internal static class DataParser
{
    public static bool TryParse(ReadOnlySpan<byte> arguments) => arguments.Trim((byte)' ').IsEmpty;
}
