using System.Globalization;
using ServerlessMail.Core;
using ServerlessMail.Mime;

namespace ServerlessMail.Imap;

/// <summary>
/// FETCH and UID FETCH (RFC 3501 §6.4.5, RFC 7162 for MODSEQ and CHANGEDSINCE). UID, FLAGS and MODSEQ come from the
/// session's map; everything else from the stored message and its stored MIME structure. Body sections are ranged
/// reads at the offsets recorded at ingest (<see cref="SectionResolver"/>), streamed as literals (<see cref="SectionWriter"/>);
/// BINARY sections are decoded from the same ranged reads (<see cref="BinarySectionWriter"/>). A non-PEEK body or
/// BINARY section sets \Seen, and the new FLAGS go in the same response.
/// </summary>
internal static class FetchHandler
{
    // Responses are sent once this much is waiting: a FETCH 1:* over a large mailbox streams in bounded pieces
    // instead of building its whole answer in the pipe, and large writes keep the TLS records full.
    private const long FlushThreshold = 128 * 1024;

    public static async ValueTask<ImapState> HandleAsync(ImapSession session, ImapState state, ImapCommand command)
    {
        var selected = (SelectedState)state;
        var uid = command.Name == "UID FETCH";
        if (!FetchParser.TryParse(command.Arguments, out var request))
        {
            session.Bad(command.Tag, "FETCH takes a set and data items");
            return state;
        }

        var items = request!.Items.ToList();
        if (uid && !items.Any(i => i.Attribute == FetchAttribute.Uid))
        {
            items.Insert(0, new FetchItem(FetchAttribute.Uid));
        }

        if (request.ChangedSince is not null || items.Any(i => i.Attribute == FetchAttribute.ModSeq))
        {
            session.CondStoreEnabled = true;
            if (!items.Any(i => i.Attribute == FetchAttribute.ModSeq))
            {
                items.Add(new FetchItem(FetchAttribute.ModSeq));
            }
        }

        var mailbox = selected.Mailbox;
        if (request.Vanished)
        {
            // RFC 7162 §3.2.6: only in UID FETCH, and only once QRESYNC is enabled.
            if (!uid || !session.QResyncEnabled)
            {
                session.Bad(command.Tag, "VANISHED needs UID FETCH and ENABLE QRESYNC");
                return state;
            }

            await QResync.ReportVanishedAsync(session, mailbox, mailbox.Bind(request.Set, uid: true), request.ChangedSince!.Value).ConfigureAwait(false);
        }

        var needsMessage = items.Any(i => i.NeedsMessage);
        var setsSeen = !mailbox.ReadOnly && items.Any(i => i.Attribute is FetchAttribute.Section or FetchAttribute.Binary && !i.Peek);
        var binary = items.Any(i => i.Attribute is FetchAttribute.Binary or FetchAttribute.BinarySize);
        var unknownEncoding = false;
        var indices = mailbox.Resolve(request.Set, uid);
        if (request.ChangedSince is { } since)
        {
            indices.RemoveAll(index => mailbox.Messages[index].ModSeq <= since);
        }

        if (!needsMessage && !setsSeen)
        {
            foreach (var index in indices)
            {
                await WriteMessageAsync(session, mailbox, index, null, null, null, items, false).ConfigureAwait(false);
                await FlushIfFullAsync(session).ConfigureAwait(false);
            }
        }
        else
        {
            // A message expunged meanwhile is skipped: its EXPUNGE is reported after the command (RFC 3501 §7
            // forbids it during FETCH).
            await foreach (var (index, stored, cached) in MessageBatches.ReadAsync(session, mailbox, indices).ConfigureAwait(false))
            {
                MimeMessage? structure = null;
                if (binary)
                {
                    // RFC 3516 §4.3: a CTE that cannot be undone fails the request. That message gets no response and
                    // no \Seen, the others theirs, and the command ends NO [UNKNOWN-CTE], so the client learns which.
                    structure = MimeStructureCodec.Deserialize(stored.Structure);
                    if (BinarySectionWriter.HasUnknownEncoding(structure, items))
                    {
                        unknownEncoding = true;
                        continue;
                    }
                }

                var addFlags = setsSeen && await SetSeenAsync(session, mailbox, index, stored).ConfigureAwait(false) &&
                    !items.Any(i => i.Attribute == FetchAttribute.Flags);
                await WriteMessageAsync(session, mailbox, index, stored, cached, structure, items, addFlags).ConfigureAwait(false);
                await FlushIfFullAsync(session).ConfigureAwait(false);
            }
        }

        if (unknownEncoding)
        {
            session.No(command.Tag, "UNKNOWN-CTE", "A part has a Content-Transfer-Encoding the server cannot decode");
            return state;
        }

        session.Ok(command.Tag, command.Name + " completed");
        return state;
    }

    private static ValueTask FlushIfFullAsync(ImapSession session) =>
        session.Output.CanGetUnflushedBytes && session.Output.UnflushedBytes >= FlushThreshold ? session.FlushAsync() : ValueTask.CompletedTask;

    /// <summary>Sets \Seen on a message that lacks it; true when the flags changed and must be sent.</summary>
    private static async ValueTask<bool> SetSeenAsync(ImapSession session, SelectedMailbox mailbox, int index, MessageContent stored)
    {
        var state = mailbox.Messages[index];
        if ((state.Flags & MessageFlags.Seen) != 0)
        {
            return false;
        }

        var updated = await session.Services.Store.UpdateFlagsAsync(stored.Id, FlagChange.Set(MessageFlags.Seen), null, session.Cancellation).ConfigureAwait(false);
        mailbox.Replace(index, new MessageState(state.Uid, state.MessageId, updated.Flags, updated.Keywords, updated.ModSeq));
        session.Services.Notifier.Publish(mailbox.Inbox.Id);
        return true;
    }

    private static async Task WriteMessageAsync(
        ImapSession session, SelectedMailbox mailbox, int index, MessageContent? stored, CachedMessage? cached, MimeMessage? structure, List<FetchItem> items, bool addFlags)
    {
        var output = session.Output;
        var message = mailbox.Messages[index];
        ImapSyntax.WriteAscii(output, "* ");
        ImapSyntax.WriteNumber(output, index + 1);
        ImapSyntax.WriteAscii(output, " FETCH (");
        if (session.LogsServerLines)
        {
            session.LogServer(string.Create(CultureInfo.InvariantCulture, $"* {index + 1} FETCH (…)"));
        }
        var first = true;
        foreach (var item in addFlags ? items.Append(new FetchItem(FetchAttribute.Flags)) : items)
        {
            if (!first)
            {
                ImapSyntax.WriteAscii(output, " ");
            }

            first = false;
            switch (item.Attribute)
            {
                case FetchAttribute.Uid:
                    ImapSyntax.WriteAscii(output, "UID ");
                    ImapSyntax.WriteNumber(output, message.Uid);
                    break;
                case FetchAttribute.Flags:
                    ImapSyntax.WriteAscii(output, "FLAGS " + FlagNames.Format(message.Flags, message.Keywords, session.ShowsRecent(mailbox, message.Uid)));
                    break;
                case FetchAttribute.ModSeq:
                    ImapSyntax.WriteAscii(output, string.Create(CultureInfo.InvariantCulture, $"MODSEQ ({message.ModSeq})"));
                    break;
                case FetchAttribute.InternalDate:
                    ImapSyntax.WriteAscii(output, "INTERNALDATE \"" + FormatDate(stored!.InternalDate) + "\"");
                    break;
                case FetchAttribute.Size:
                    ImapSyntax.WriteAscii(output, "RFC822.SIZE ");
                    ImapSyntax.WriteNumber(output, stored!.Size);
                    break;
                case FetchAttribute.Envelope:
                    ImapSyntax.WriteRaw(output, "ENVELOPE "u8);
                    ImapSyntax.WriteRaw(output, cached!.Envelope(ref structure));
                    break;
                case FetchAttribute.Body or FetchAttribute.BodyStructure:
                    var extended = item.Attribute == FetchAttribute.BodyStructure;
                    ImapSyntax.WriteRaw(output, extended ? "BODYSTRUCTURE "u8 : "BODY "u8);
                    ImapSyntax.WriteRaw(output, cached!.BodyStructure(extended, ref structure));
                    break;
                case FetchAttribute.Section:
                    structure ??= MimeStructureCodec.Deserialize(stored!.Structure);
                    ImapSyntax.WriteAscii(output, item.Label + " ");
                    await SectionWriter.WriteAsync(session, stored!, structure, item).ConfigureAwait(false);
                    break;
                case FetchAttribute.Binary or FetchAttribute.BinarySize:
                    structure ??= MimeStructureCodec.Deserialize(stored!.Structure);
                    ImapSyntax.WriteAscii(output, item.Label + " ");
                    await (item.Attribute == FetchAttribute.Binary
                        ? BinarySectionWriter.WriteAsync(session, stored!, structure, item)
                        : BinarySectionWriter.WriteSizeAsync(session, stored!, structure, item)).ConfigureAwait(false);
                    break;
            }
        }

        ImapSyntax.WriteAscii(output, ")\r\n");
    }

    /// <summary>RFC 3501 §9 date-time: "dd-Mon-yyyy hh:mm:ss +zzzz".</summary>
    public static string FormatDate(DateTimeOffset date)
    {
        var offset = date.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        return date.ToString("dd-MMM-yyyy HH:mm:ss ", CultureInfo.InvariantCulture) + sign + abs.Hours.ToString("00", CultureInfo.InvariantCulture) + abs.Minutes.ToString("00", CultureInfo.InvariantCulture);
    }
}
