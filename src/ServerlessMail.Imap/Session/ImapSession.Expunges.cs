using System.Globalization;

namespace ServerlessMail.Imap;

internal sealed partial class ImapSession
{
    private readonly List<uint> _vanished = [];

    /// <summary>RFC 7162 §3.2.3: after ENABLE QRESYNC, expunges are reported as VANISHED UIDs, never as EXPUNGE.</summary>
    public bool QResyncEnabled { get; set; }

    /// <summary>
    /// Reports that the message at <paramref name="index"/> (already removed from the map) is gone: "n EXPUNGE" at
    /// once, or with QRESYNC its UID, written as one "VANISHED set" by <see cref="FlushVanished"/>.
    /// </summary>
    public void ReportExpunge(int index, uint uid)
    {
        if (QResyncEnabled)
        {
            _vanished.Add(uid);
            return;
        }

        Untagged((index + 1).ToString(CultureInfo.InvariantCulture) + " EXPUNGE");
    }

    public void FlushVanished()
    {
        if (_vanished.Count == 0)
        {
            return;
        }

        _vanished.Sort();
        Untagged("VANISHED " + SearchResponse.Compact(_vanished));
        _vanished.Clear();
    }
}
