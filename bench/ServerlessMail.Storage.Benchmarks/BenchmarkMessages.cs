using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ServerlessMail.Storage.Benchmarks;

/// <summary>
/// Messages of about a given size, each with its own Message-ID and subject (so threading does real lookups and
/// writes). Up to 16 KB a plain-text message; above, a text part plus a base64 attachment, the shape of most large mail.
/// </summary>
internal sealed class BenchmarkMessages
{
    private const int HeaderAllowance = 700;
    private const string Boundary = "=_bench_boundary_7f3a";

    private readonly byte[] _body;
    private readonly bool _multipart;

    public BenchmarkMessages(int size)
    {
        _multipart = size > 16 * 1024;
        _body = Encoding.ASCII.GetBytes(_multipart ? MultipartBody(size - HeaderAllowance) : TextBody(size - HeaderAllowance));
    }

    public const string Recipient = "inbox@bench.test";

    public byte[] Build(long counter)
    {
        var headers = new StringBuilder(HeaderAllowance);
        headers.Append(CultureInfo.InvariantCulture, $"Received: from mx.remote.example ([192.0.2.7]) by bench.test; Sun, 22 Nov 2026 10:00:00 +0000\r\n");
        headers.Append(CultureInfo.InvariantCulture, $"From: \"Benchmark Sender\" <sender@remote.example>\r\nTo: <{Recipient}>\r\n");
        headers.Append(CultureInfo.InvariantCulture, $"Subject: Benchmark message {counter}\r\nMessage-ID: <{counter}.bench@remote.example>\r\n");
        headers.Append("Date: Sun, 22 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n");
        headers.Append(_multipart ? $"Content-Type: multipart/mixed; boundary=\"{Boundary}\"\r\n\r\n" : "Content-Type: text/plain; charset=utf-8\r\n\r\n");
        var head = Encoding.ASCII.GetBytes(headers.ToString());
        var raw = new byte[head.Length + _body.Length];
        head.CopyTo(raw, 0);
        _body.CopyTo(raw, head.Length);
        return raw;
    }

    private static string TextBody(int length)
    {
        var text = new StringBuilder(length + 100);
        for (var line = 0; text.Length < length; line++)
        {
            text.Append(CultureInfo.InvariantCulture, $"Line {line} of the benchmark body: the quick brown fox jumps over the lazy dog.\r\n");
        }

        return text.ToString();
    }

    private static string MultipartBody(int length)
    {
        var text = TextBody(2_000);
        var attachment = new byte[(length - text.Length - 400) / 4 * 3];
        RandomNumberGenerator.Fill(attachment);
        var body = new StringBuilder(length + 200);
        body.Append(CultureInfo.InvariantCulture, $"--{Boundary}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n");
        body.Append(CultureInfo.InvariantCulture, $"--{Boundary}\r\nContent-Type: application/pdf; name=\"report.pdf\"\r\n");
        body.Append("Content-Disposition: attachment; filename=\"report.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n");
        var encoded = Convert.ToBase64String(attachment);
        for (var i = 0; i < encoded.Length; i += 76)
        {
            body.Append(encoded.AsSpan(i, Math.Min(76, encoded.Length - i))).Append("\r\n");
        }

        body.Append(CultureInfo.InvariantCulture, $"--{Boundary}--\r\n");
        return body.ToString();
    }
}
