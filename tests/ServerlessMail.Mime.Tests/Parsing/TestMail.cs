using System.Text;

namespace ServerlessMail.Mime.Tests.Parsing;

/// <summary>Builds test input: lines joined with CRLF unless a test wants bare LF on purpose.</summary>
internal static class TestMail
{
    public static byte[] Crlf(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines));

    public static byte[] Lf(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\n", lines));

    public static string Slice(byte[] message, ByteRange range) =>
        Encoding.UTF8.GetString(message, (int)range.Offset, (int)range.Length);

    /// <summary>A stream that hands out at most <paramref name="chunk"/> bytes per read, to exercise every refill path.</summary>
    public sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);
    }
}
