using ServerlessMail.Core;
using ServerlessMail.Storage.Local.Rows;
using ServerlessMail.Storage.Local.Sqlite;

namespace ServerlessMail.Storage.Local;

public sealed partial class LocalMailStore
{
    private const string BumpModSeq = """
        UPDATE folders SET highest_modseq = highest_modseq + 1, unseen = unseen + $unseen WHERE id = $id RETURNING highest_modseq
        """;

    private const string SetFlags = "UPDATE messages SET flags = $flags, keywords = $keywords, modseq = $modSeq WHERE id = $id";

    public Task<StoredMessage> UpdateFlagsAsync(string messageId, FlagChange change, ulong? unchangedSince = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return WriteAsync(
            session =>
            {
                StoreValidation.Keywords(change.AddKeywords);
                var message = RequireMessage(session, messageId);

                // RFC 7162 §3.1.3: UNCHANGEDSINCE fails for a message whose mod-sequence is greater than the value given.
                if (unchangedSince is { } since && message.ModSeq > since)
                {
                    throw MailStoreException.Conflict("The message was modified after the given MODSEQ.");
                }

                var (flags, keywords) = Apply(message, change);
                StoreValidation.KeywordCount(keywords.Count);
                if (flags == message.Flags && keywords.SequenceEqual(message.Keywords, StringComparer.Ordinal))
                {
                    // Nothing changed, so no new mod-sequence: a client's CONDSTORE view stays valid.
                    return message;
                }

                var unseenDelta = IsSeen(message.Flags) == IsSeen(flags) ? 0 : IsSeen(flags) ? -1 : 1;
                var modSeq = (ulong)(session.Command(BumpModSeq).Bind("$id", message.FolderId).Bind("$unseen", unseenDelta).QueryInt64()
                    ?? throw MailStoreException.NotFound("The folder"));
                session.Command(SetFlags)
                    .Bind("$id", message.Id).Bind("$flags", (int)flags).Bind("$keywords", StoreJson.Strings(keywords)).Bind("$modSeq", modSeq)
                    .ExecuteNonQuery();
                return message with { Flags = flags, Keywords = keywords, ModSeq = modSeq };
            },
            cancellationToken);
    }

    private static (MessageFlags Flags, List<string> Keywords) Apply(StoredMessage message, FlagChange change)
    {
        if (change.Replace)
        {
            return (change.Add, DistinctKeywords(change.AddKeywords));
        }

        var flags = (message.Flags | change.Add) & ~change.Remove;
        var keywords = DistinctKeywords(message.Keywords.Concat(change.AddKeywords));
        keywords.RemoveAll(k => change.RemoveKeywords.Contains(k, StringComparer.OrdinalIgnoreCase));
        return (flags, keywords);
    }

    /// <summary>Keywords compare without case (RFC 9051 §2.3.2); the first spelling seen is kept.</summary>
    private static List<string> DistinctKeywords(IEnumerable<string> keywords) =>
        keywords.Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    private static bool IsSeen(MessageFlags flags) => (flags & MessageFlags.Seen) != 0;
}
