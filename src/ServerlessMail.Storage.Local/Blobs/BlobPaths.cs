using System.Globalization;
using ServerlessMail.Core;

namespace ServerlessMail.Storage.Local.Blobs;

/// <summary>
/// Maps keys to files under the blob root. A key is a relative path of '/'-separated segments; anything that could
/// leave the root or name a temp file is refused, so no key reaches a file the store did not commit.
/// </summary>
internal sealed class BlobPaths(string root)
{
    /// <summary>Temp files start with this; no valid key has a segment that does.</summary>
    public const string TempPrefix = ".tmp-";

    public const int MaxKeyLength = 1024;

    public string Root { get; } = Path.GetFullPath(root);

    public string Resolve(string key)
    {
        Validate(key);
        var path = Path.GetFullPath(Path.Combine(Root, key));
        return path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? path : throw Invalid(key);
    }

    /// <summary>
    /// A unique temp file name that carries the writing process's id (<c>.tmp-{pid}-{guid}</c>), so that a store
    /// opened by another process on the same directory (an operator command next to a running server) can tell an
    /// orphan from a write in flight.
    /// </summary>
    public static string NewTempPath(string directory) =>
        Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{TempPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}"));

    /// <summary>The id of the process that wrote a temp file, or null for a name without one (written before ids were added).</summary>
    public static int? WriterOf(string tempPath)
    {
        var name = Path.GetFileName(tempPath.AsSpan())[TempPrefix.Length..];
        var dash = name.IndexOf('-');
        return dash > 0 && int.TryParse(name[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    private static void Validate(string key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxKeyLength || key[0] == '/' || Path.IsPathRooted(key))
        {
            throw Invalid(key);
        }

        foreach (var c in key)
        {
            if (c == '\\' || char.IsControl(c))
            {
                throw Invalid(key);
            }
        }

        foreach (var segment in key.Split('/'))
        {
            if (segment.Length == 0 || segment is "." or ".." || segment.StartsWith(TempPrefix, StringComparison.Ordinal))
            {
                throw Invalid(key);
            }
        }
    }

    private static MailStoreException Invalid(string? key) =>
        new(MailStoreError.InvalidArgument, $"'{key}' is not a valid blob key: a relative path without empty, '.', '..' or temp segments.");
}
