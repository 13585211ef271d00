using System.Globalization;

namespace ServerlessMail.Api.Messages;

/// <summary>
/// One byte range of an HTTP <c>Range</c> header (RFC 9110 §14.1.2): <c>bytes=a-b</c>, <c>bytes=a-</c> or
/// <c>bytes=-n</c>. Several ranges are answered with the whole body, which §14.2 allows.
/// </summary>
internal readonly record struct ByteRange(long Offset, long Length)
{
    /// <summary>Null when the header is absent, not a bytes range, or lists several ranges; otherwise the range or <c>Unsatisfiable</c>.</summary>
    public static (ByteRange Range, bool Satisfiable)? Parse(string? header, long size)
    {
        const string unit = "bytes=";
        if (header is null || !header.StartsWith(unit, StringComparison.OrdinalIgnoreCase) || header.Contains(',', StringComparison.Ordinal))
        {
            return null;
        }

        var spec = header.AsSpan(unit.Length).Trim();
        var dash = spec.IndexOf('-');
        if (dash < 0)
        {
            return null;
        }

        var first = spec[..dash].Trim();
        var last = spec[(dash + 1)..].Trim();
        if (first.IsEmpty)
        {
            if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var suffix))
            {
                return null;
            }

            return suffix == 0 || size == 0 ? (default, false) : (new ByteRange(Math.Max(0, size - suffix), Math.Min(suffix, size)), true);
        }

        if (!long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var start))
        {
            return null;
        }

        var end = size - 1;
        if (!last.IsEmpty && (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out end) || end < start))
        {
            return null;
        }

        return start >= size ? (default, false) : (new ByteRange(start, Math.Min(end, size - 1) - start + 1), true);
    }
}
