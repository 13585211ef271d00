using System.Globalization;
using System.Text;

namespace ServerlessMail.Mime;

/// <summary>Turns an attachment's declared name into one that is safe to create on any common file system.</summary>
public static class FileNames
{
    private const int MaxUtf8Bytes = 255;

    private static readonly HashSet<string> ReservedDeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    private static readonly Dictionary<string, string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["text/plain"] = ".txt", ["text/html"] = ".html", ["text/calendar"] = ".ics", ["text/csv"] = ".csv",
        ["image/png"] = ".png", ["image/jpeg"] = ".jpg", ["image/gif"] = ".gif", ["image/webp"] = ".webp",
        ["image/svg+xml"] = ".svg", ["application/pdf"] = ".pdf", ["application/zip"] = ".zip",
        ["application/json"] = ".json", ["message/rfc822"] = ".eml", ["message/global"] = ".eml",
        ["message/delivery-status"] = ".txt", ["application/ics"] = ".ics",
    };

    /// <summary>
    /// Keeps only the last path component, drops control and bidirectional-format characters (which can disguise
    /// an extension), replaces characters Windows forbids, trims leading dots and trailing dots and blanks, avoids
    /// device names, and caps the name at 255 UTF-8 octets with its extension kept. Falls back to a name built from
    /// the part number and media type when nothing usable is left.
    /// </summary>
    public static string Sanitize(string? name, string fallbackStem, string mediaType)
    {
        ArgumentNullException.ThrowIfNull(fallbackStem);
        ArgumentNullException.ThrowIfNull(mediaType);
        var cleaned = Clean(name ?? string.Empty);
        if (cleaned.Length == 0)
        {
            cleaned = Clean(fallbackStem) + ExtensionFor(mediaType);
        }

        var stem = Path.GetFileNameWithoutExtension(cleaned);
        if (ReservedDeviceNames.Contains(stem))
        {
            cleaned = "_" + cleaned;
        }

        return Truncate(cleaned);
    }

    /// <summary>A conventional extension for a media type, <c>.bin</c> when unknown.</summary>
    public static string ExtensionFor(string mediaType) =>
        Extensions.TryGetValue(mediaType, out var extension) ? extension : ".bin";

    private static string Clean(string name)
    {
        var lastSeparator = name.LastIndexOfAny(['/', '\\']);
        var span = name.AsSpan(lastSeparator + 1);
        var builder = new StringBuilder(span.Length);
        foreach (var rune in span.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                continue;
            }

            builder.Append(rune.Value is '<' or '>' or ':' or '"' or '|' or '?' or '*' ? "_" : rune.ToString());
        }

        return builder.ToString().TrimStart('.', ' ').TrimEnd('.', ' ');
    }

    private static string Truncate(string name)
    {
        if (Encoding.UTF8.GetByteCount(name) <= MaxUtf8Bytes)
        {
            return name;
        }

        var extension = Path.GetExtension(name);
        if (Encoding.UTF8.GetByteCount(extension) > 32)
        {
            extension = string.Empty;
        }

        var budget = MaxUtf8Bytes - Encoding.UTF8.GetByteCount(extension);
        var stem = new StringBuilder();
        var used = 0;
        foreach (var rune in name.AsSpan(0, name.Length - extension.Length).EnumerateRunes())
        {
            used += rune.Utf8SequenceLength;
            if (used > budget)
            {
                break;
            }

            stem.Append(rune.ToString());
        }

        return stem.ToString().TrimEnd('.', ' ') + extension;
    }
}
