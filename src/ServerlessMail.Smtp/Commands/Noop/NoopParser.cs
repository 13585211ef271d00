namespace ServerlessMail.Smtp;

/// <summary><c>NOOP [SP String]</c> (RFC 5321 §4.1.1.9): any argument is allowed and ignored.</summary>
internal static class NoopParser
{
    public static bool TryParse(ReadOnlySpan<byte> arguments) => arguments.IndexOfAnyInRange((byte)0, (byte)31) < 0;
}
