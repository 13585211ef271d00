using System.Buffers;
using System.Globalization;
using System.Text;

namespace ServerlessMail.Smtp;

/// <summary>
/// One reply: a code, an RFC 3463 enhanced status code, and text (several lines for a multi-line reply). The greeting
/// and the HELO/EHLO replies carry no enhanced code, as RFC 2034 §3 and the RFC 5321 §4.2 grammar require; neither do
/// the intermediate 334 and 354 replies.
/// </summary>
internal readonly record struct SmtpReply(int Code, string? Status, string Text, IReadOnlyList<string>? MoreLines = null)
{
    public bool IsError => Code >= 400;

    public bool IsPermanentError => Code >= 500;

    /// <summary>Writes the reply as wire bytes and returns how it reads in a transcript.</summary>
    public string WriteTo(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var builder = new StringBuilder();
        var lines = MoreLines is null ? 1 : MoreLines.Count + 1;
        for (var i = 0; i < lines; i++)
        {
            var text = i == 0 ? Text : MoreLines![i - 1];
            builder.Append(Code.ToString(CultureInfo.InvariantCulture)).Append(i == lines - 1 ? ' ' : '-');
            if (Status is not null)
            {
                builder.Append(Status).Append(' ');
            }

            builder.Append(text).Append("\r\n");
        }

        var wire = builder.ToString();
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(wire.Length));
        output.Advance(Encoding.UTF8.GetBytes(wire, span));
        return wire.TrimEnd('\r', '\n');
    }

    public override string ToString() => Status is null ? $"{Code} {Text}" : $"{Code} {Status} {Text}";
}
