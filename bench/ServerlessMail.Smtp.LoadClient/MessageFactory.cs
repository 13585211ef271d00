using System.Buffers;
using System.Globalization;
using System.Text;

namespace ServerlessMail.Smtp.LoadClient;

/// <summary>
/// Builds each message: a unique header block of fixed length and a shared plain-text body that makes the message
/// exactly <see cref="LoadSettings.Size"/> bytes. Lines are CRLF-terminated, under 1000 octets (RFC 5321 §4.5.3.1.6)
/// and never start with '.', so no dot-stuffing is needed.
/// </summary>
internal sealed class MessageFactory
{
    public const int MinimumSize = 512;

    private const int LineLength = 78;

    private static readonly byte[] Terminator = ".\r\n"u8.ToArray();

    private readonly LoadSettings _settings;
    private readonly byte[] _body;

    public MessageFactory(LoadSettings settings)
    {
        _settings = settings;
        var remaining = settings.Size - Headers(0).Length;
        if (remaining < 3)
        {
            throw new ArgumentException($"--size {settings.Size} leaves no room for a body after the headers.");
        }

        var body = new StringBuilder(remaining);
        for (var line = 1; remaining > 0; line++)
        {
            // Every line is "<number>xxx…" and CRLF; the last one is cut to fit (at least its number and CRLF).
            var length = Math.Min(LineLength, remaining - 2);
            if (remaining - (length + 2) is > 0 and < 3)
            {
                length -= 3;
            }

            var number = line.ToString(CultureInfo.InvariantCulture);
            body.Append((number + new string('x', LineLength)).AsSpan(0, length)).Append("\r\n");
            remaining -= length + 2;
        }

        _body = Encoding.ASCII.GetBytes(body.ToString());
    }

    /// <summary>Bytes of one message as sent, headers and body, without the DATA terminator.</summary>
    public int Size => Headers(0).Length + _body.Length;

    /// <summary>Writes message <paramref name="number"/> and the DATA terminator.</summary>
    public void WriteMessage(IBufferWriter<byte> output, int number)
    {
        Encoding.ASCII.GetBytes(Headers(number), output);
        output.Write(_body);
        output.Write(Terminator);
    }

    // Fixed width (D10 number, RFC 5322 date with two-digit day, 32-digit id), so every message has the same size.
    private string Headers(int number) => string.Create(CultureInfo.InvariantCulture, $"""
        From: <{_settings.Sender}>
        To: <{_settings.To}>
        Subject: smtp-load message {number:D10}
        Date: {DateTimeOffset.UtcNow:ddd, dd MMM yyyy HH:mm:ss} +0000
        Message-ID: <{Guid.NewGuid():N}@smtp-load.localhost>
        MIME-Version: 1.0
        Content-Type: text/plain; charset=us-ascii


        """).ReplaceLineEndings("\r\n");
}
