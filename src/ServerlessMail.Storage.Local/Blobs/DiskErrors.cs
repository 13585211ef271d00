using ServerlessMail.Core;

namespace ServerlessMail.Storage.Local.Blobs;

/// <summary>
/// A failing disk is the store's failure (<see cref="MailStoreError.Unavailable"/>, retry later); a failing source
/// stream (a client that dropped) is the caller's and passes through. Only file-system calls go through these guards.
/// </summary>
internal static class DiskErrors
{
    public static T Guard<T>(string key, Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (IOException exception)
        {
            throw DiskFailure(key, exception);
        }
    }

    public static void Guard(string key, Action operation) => Guard(key, () =>
    {
        operation();
        return true;
    });

    public static async Task GuardAsync(string key, Func<Task> operation)
    {
        try
        {
            await operation().ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            throw DiskFailure(key, exception);
        }
    }

    public static MailStoreException DiskFailure(string key, IOException exception) =>
        new(MailStoreError.Unavailable, $"Storing blob '{key}' failed: {exception.Message}", exception);
}
