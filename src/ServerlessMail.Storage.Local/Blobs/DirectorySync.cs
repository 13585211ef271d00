using System.Runtime.InteropServices;

namespace ServerlessMail.Storage.Local.Blobs;

/// <summary>
/// fsync of a directory, which .NET has no API for: after rename(2) the new name lives only in the directory's
/// cached entries until the directory itself is synced, so a power loss could forget a file whose data was already
/// on disk (fsync(2): "calling fsync() on the file does not necessarily ensure that the entry in the directory
/// containing the file has also reached disk. For that an explicit fsync() on a file descriptor for the directory is
/// also needed."). FileStream refuses to open directories, so this calls libc's open, fsync and close directly.
/// Linux and other Unix systems only; Windows (NTFS journals its metadata) needs and gets nothing.
/// </summary>
internal static partial class DirectorySync
{
    private const int ReadOnly = 0;

    /// <summary>O_DIRECTORY makes open fail unless the path is a directory; its value differs by architecture.</summary>
    private static readonly int OpenDirectory = OperatingSystem.IsLinux()
        ? RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x4000 : 0x10000
        : 0;

    /// <summary>O_CLOEXEC: the descriptor must not leak into a child process started meanwhile (same value on Linux x64 and arm64).</summary>
    private static readonly int CloseOnExec = OperatingSystem.IsLinux() ? 0x80000 : 0;

    public static bool IsSupported { get; } = !OperatingSystem.IsWindows();

    public static void Fsync(string directory)
    {
        if (!IsSupported)
        {
            return;
        }

        var fd = Open(directory, ReadOnly | OpenDirectory | CloseOnExec);
        if (fd < 0)
        {
            throw Failure("open", directory);
        }

        try
        {
            if (FsyncDescriptor(fd) != 0)
            {
                throw Failure("fsync", directory);
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    private static IOException Failure(string call, string directory) =>
        new($"{call}({directory}) failed with errno {Marshal.GetLastPInvokeError()}.");

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FsyncDescriptor(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
