using System.Globalization;
using System.Text;

namespace ServerlessMail.Mime;

/// <summary>
/// A readable dump of the entity tree: one line per entity with its IMAP part number, type, transfer encoding,
/// disposition, offsets and line count. The golden corpus compares these dumps, so the format is stable.
/// </summary>
public static class MimeStructureFormatter
{
    public static string Format(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"message length={message.Length}\n");
        foreach (var (entity, number) in MimePartNumbers.Enumerate(message.Root))
        {
            Write(builder, entity, number);
        }

        return builder.ToString();
    }

    private static void Write(StringBuilder builder, MimeEntity entity, string number)
    {
        var pad = new string(' ', entity.Depth * 2);
        builder.Append(pad);
        builder.Append(number.Length == 0 ? "-" : number);
        builder.Append(' ').Append(entity.ContentType.MimeType);
        if (entity.HasDefaultContentType)
        {
            builder.Append(" (default)");
        }

        if (entity.ContentTransferEncoding != ContentEncoding.Default)
        {
            builder.Append(' ').Append(ContentEncodings.ToHeaderValue(entity.ContentTransferEncoding));
        }

        builder.Append(CultureInfo.InvariantCulture,
            $" header={entity.HeaderOffset} body={entity.BodyOffset} end={entity.EndOffset} lines={entity.BodyLineCount}");
        if (entity.Defects != MimeDefects.None)
        {
            builder.Append(" defects=").Append(entity.Defects.ToString().Replace(", ", "|", StringComparison.Ordinal));
        }

        builder.Append('\n');
        if (entity.Preamble is { } preamble)
        {
            builder.Append(pad).Append(CultureInfo.InvariantCulture, $"  preamble={preamble.Offset}+{preamble.Length}\n");
        }

        if (entity.Epilogue is { } epilogue)
        {
            builder.Append(pad).Append(CultureInfo.InvariantCulture, $"  epilogue={epilogue.Offset}+{epilogue.Length}\n");
        }
    }
}
