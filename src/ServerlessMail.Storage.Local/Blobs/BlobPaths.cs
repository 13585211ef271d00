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

    public static string NewTempPath(string directory) => Path.Combine(directory, TempPrefix + Guid.NewGuid().ToString("N"));

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
