namespace ServerlessMail.Smtp;

/// <summary><c>STARTTLS</c> takes no arguments (RFC 3207 §4).</summary>
internal static class StartTlsParser
{
    public static bool TryParse(ReadOnlySpan<byte> arguments) => arguments.Trim((byte)' ').IsEmpty;
}
