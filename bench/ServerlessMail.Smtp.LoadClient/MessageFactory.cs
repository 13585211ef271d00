using System.Buffers;
using System.Globalization;
using System.Text;

namespace ServerlessMail.Smtp.LoadClient;

/// <summary>
/// Builds each message: a unique header block and a shared plain-text body, sized so the whole message is within one
/// line of <see cref="LoadSettings.Size"/> bytes. Lines are CRLF-terminated, under 1000 octets (RFC 5321 §4.5.3.1.6)
/// and never start with '.', so no dot-stuffing is needed.
/// </summary>
internal sealed class MessageFactory
{
    public const int MinimumSize = 512;

    private const int LineLength = 78;

    // A header block is about this long; the body makes up the rest of the size.
    private const int HeaderEstimate = 260;

    private static readonly byte[] Terminator = ".\r\n"u8.ToArray();

    private readonly LoadSettings _settings;
    private readonly byte[] _body;

    public MessageFactory(LoadSettings settings)
    {
        _settings = settings;
        var lines = Math.Max(1, (settings.Size - HeaderEstimate) / (LineLength + 2));
        var body = new StringBuilder(lines * (LineLength + 2));
        for (var i = 0; i < lines; i++)
        {
            var number = (i + 1).ToString(CultureInfo.InvariantCulture);
            body.Append(number).Append('x', LineLength - number.Length).Append("\r\n");
        }

        _body = Encoding.ASCII.GetBytes(body.ToString());
    }

    /// <summary>Bytes of one message as sent, headers and body, without the DATA terminator.</summary>
    public int ApproximateSize => HeaderEstimate + _body.Length;

    /// <summary>Writes message <paramref name="number"/> and the DATA terminator.</summary>
    public void WriteMessage(IBufferWriter<byte> output, int number)
    {
        var headers = string.Create(CultureInfo.InvariantCulture, $"""
            From: <{_settings.Sender}>
            To: <{_settings.To}>
            Subject: smtp-load message {number}
            Date: {DateTimeOffset.UtcNow:ddd, dd MMM yyyy HH:mm:ss} +0000
            Message-ID: <{Guid.NewGuid():N}@smtp-load.localhost>
            MIME-Version: 1.0
            Content-Type: text/plain; charset=us-ascii


            """).ReplaceLineEndings("\r\n");
        Encoding.ASCII.GetBytes(headers, output);
        output.Write(_body);
        output.Write(Terminator);
    }
}
