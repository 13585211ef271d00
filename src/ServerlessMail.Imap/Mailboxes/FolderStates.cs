using ServerlessMail.Core;

namespace ServerlessMail.Imap;

/// <summary>
/// A folder's message states in UID order, as SELECT and STATUS need them: the copy <see cref="FolderStateCache"/>
/// holds for exactly this folder version, else one store read, kept for the next caller. The caller read
/// <paramref name="folder"/> before calling, which is what makes the read states valid to keep under its version.
/// </summary>
internal static class FolderStates
{
    public static async Task<List<MessageState>> ReadAsync(ImapSession session, Folder folder)
    {
        var cache = session.Services.FolderStates;
        if (cache.Find(folder) is { } held)
        {
            return held;
        }

        List<MessageState> states = [.. await session.Services.Store.ListStatesAsync(folder.Id, session.Cancellation).ConfigureAwait(false)];
        if (!IsAscending(states))
        {
            states.Sort((x, y) => x.Uid.CompareTo(y.Uid));
        }

        cache.Add(folder, states);
        return states;
    }

    private static bool IsAscending(List<MessageState> states)
    {
        for (var i = 1; i < states.Count; i++)
        {
            if (states[i - 1].Uid >= states[i].Uid)
            {
                return false;
            }
        }

        return true;
    }
}
