namespace ServerlessMail.Smtp;

/// <summary><c>VRFY SP String</c> (RFC 5321 §4.1.1.6): an argument is required.</summary>
internal static class VrfyParser
{
    public static bool TryParse(ReadOnlySpan<byte> arguments) => !arguments.Trim((byte)' ').IsEmpty;
}
