using ServerlessMail.Storage.Aws.Dynamo;

namespace ServerlessMail.Storage.Aws;

public sealed partial class DynamoMailStore
{
    /// <summary>
    /// One transaction: the folder's HIGHESTMODSEQ moves on (conditional on the value read) and the state item takes
    /// the new flags and MODSEQ (conditional on its old MODSEQ, so a concurrent change is never overwritten, only
    /// retried on top of). UNCHANGEDSINCE is checked against the state read in the same attempt (RFC 7162 §3.1.3).
    /// </summary>
    public async Task<StoredMessage> UpdateFlagsAsync(string messageId, FlagChange change, ulong? unchangedSince = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        CheckKeywords(change.AddKeywords);
        return await Contention.RetryAsync(
            _options.ContentionBudget,
            "Changing flags",
            async _ =>
            {
                var message = await GetMessageAsync(messageId, cancellationToken).ConfigureAwait(false) ?? throw MailStoreException.NotFound("The message");
                if (unchangedSince is { } since && message.ModSeq > since)
                {
                    throw MailStoreException.Conflict("The message was modified after the given MODSEQ.");
                }

                var (flags, keywords) = Apply(message, change);
                if (keywords.Count > ModelLimits.KeywordsPerMessage)
                {
                    throw new MailStoreException(MailStoreError.ValueTooLarge, $"A message holds at most {ModelLimits.KeywordsPerMessage} keywords.");
                }

                if (flags == message.Flags && keywords.SequenceEqual(message.Keywords, StringComparer.Ordinal))
                {
                    // Nothing changed, so no new MODSEQ: a client's CONDSTORE view stays valid.
                    return (true, message);
                }

                using var turn = await _gate.EnterAsync(message.FolderId, cancellationToken).ConfigureAwait(false);
                var folder = await GetFolderAsync(message.FolderId, cancellationToken).ConfigureAwait(false) ?? throw MailStoreException.NotFound("The folder");
                var modSeq = folder.HighestModSeq + 1;
                var unseenDelta = IsSeen(message.Flags) == IsSeen(flags) ? 0 : IsSeen(flags) ? -1 : 1;
                var outcome = await _table.TransactAsync(
                    [
                        DynamoTable.Write(AdvanceFolder(folder, 0, modSeq, 0, unseenDelta)),
                        DynamoTable.Write(new Update
                        {
                            Key = Av.Key(Keys.Folder(folder.Id), Keys.State(message.Uid)),
                            UpdateExpression = "SET #fl = :fl, #kw = :kw, #ms = :ms",
                            ConditionExpression = "#ms = :old AND #mid = :mid",
                            ExpressionAttributeNames = new() { ["#fl"] = Attr.Flags, ["#kw"] = Attr.Keywords, ["#ms"] = Attr.ModSeq, ["#mid"] = Attr.MessageId },
                            ExpressionAttributeValues = new()
                            {
                                [":fl"] = Av.N((long)flags), [":kw"] = Av.Strings(keywords), [":ms"] = Av.N(modSeq),
                                [":old"] = Av.N(message.ModSeq), [":mid"] = Av.S(message.Id),
                            },
                        }),
                    ],
                    cancellationToken).ConfigureAwait(false);
                if (outcome.Succeeded)
                {
                    return (true, message with { Flags = flags, Keywords = keywords, ModSeq = modSeq });
                }

                if (outcome.Conflicted || outcome.FirstConditionFailure() >= 0)
                {
                    return (false, message);
                }

                outcome.EnsureCommitted("Changing flags");
                return (true, message);
            },
            cancellationToken).ConfigureAwait(false);
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
    private static List<string> DistinctKeywords(IEnumerable<string> keywords) => keywords.Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    private static bool IsSeen(MessageFlags flags) => (flags & MessageFlags.Seen) != 0;
}
