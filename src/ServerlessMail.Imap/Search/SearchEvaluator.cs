using ServerlessMail.Core;
using ServerlessMail.Mime;

namespace ServerlessMail.Imap.Search;

/// <summary>
/// Evaluates an RFC 3501 §6.4.4 search key against one message. Keys on flags, numbers, dates, sizes and the
/// envelope fields are answered from the stored state and structure; only HEADER on other fields, BODY and TEXT
/// load the raw message, and an AND tries its cheap keys first, so a non-matching message is often never loaded.
/// </summary>
internal static class SearchEvaluator
{
    /// <summary>The deepest key tree evaluated; the SEARCH parser must refuse deeper nesting too.</summary>
    public const int MaxDepth = 64;

    public static bool NeedsContent(SearchKey key) => NeedsContent(key, 0);

    public static ValueTask<bool> MatchesAsync(SearchKey key, SearchSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(subject);
        var view = new SearchView(subject);
        return NeedsContent(key) ? EvaluateAsync(key, view, 0, cancellationToken) : new ValueTask<bool>(Evaluate(key, view, 0));
    }

    private static bool NeedsContent(SearchKey key, int depth)
    {
        CheckDepth(depth);
        return key switch
        {
            AndKey and => and.Keys.Any(k => NeedsContent(k, depth + 1)),
            OrKey or => NeedsContent(or.Left, depth + 1) || NeedsContent(or.Right, depth + 1),
            NotKey not => NeedsContent(not.Key, depth + 1),
            HeaderKey header => !SearchText.IsStored(header.Field),
            BodyKey or TextKey => true,
            _ => false,
        };
    }

    private static async ValueTask<bool> EvaluateAsync(SearchKey key, SearchView view, int depth, CancellationToken cancellationToken)
    {
        CheckDepth(depth);
        switch (key)
        {
            case AndKey and:
                foreach (var cheap in and.Keys.Where(k => !NeedsContent(k, depth + 1)))
                {
                    if (!Evaluate(cheap, view, depth + 1))
                    {
                        return false;
                    }
                }

                foreach (var costly in and.Keys.Where(k => NeedsContent(k, depth + 1)))
                {
                    if (!await EvaluateAsync(costly, view, depth + 1, cancellationToken).ConfigureAwait(false))
                    {
                        return false;
                    }
                }

                return true;
            case OrKey or:
                return await EvaluateAsync(or.Left, view, depth + 1, cancellationToken).ConfigureAwait(false) ||
                    await EvaluateAsync(or.Right, view, depth + 1, cancellationToken).ConfigureAwait(false);
            case NotKey not:
                return !await EvaluateAsync(not.Key, view, depth + 1, cancellationToken).ConfigureAwait(false);
            case HeaderKey header when !SearchText.IsStored(header.Field):
                var forHeader = await view.LoadAsync(cancellationToken).ConfigureAwait(false);
                return SearchText.FieldContains(forHeader.Headers, header.Field, header.Value);
            case BodyKey body:
                return SearchText.BodyContains(await view.LoadAsync(cancellationToken).ConfigureAwait(false), body.Value);
            case TextKey text:
                var message = await view.LoadAsync(cancellationToken).ConfigureAwait(false);
                return SearchText.AnyFieldContains(message.Headers, text.Value) || SearchText.BodyContains(message, text.Value);
            default:
                return Evaluate(key, view, depth);
        }
    }

    // Every key that needs no content; NeedsContent routes the others to EvaluateAsync.
    private static bool Evaluate(SearchKey key, SearchView view, int depth)
    {
        CheckDepth(depth);
        var subject = view.Subject;
        var message = subject.Message;
        return key switch
        {
            AllKey => true,
            AndKey and => and.Keys.All(k => Evaluate(k, view, depth + 1)),
            OrKey or => Evaluate(or.Left, view, depth + 1) || Evaluate(or.Right, view, depth + 1),
            NotKey not => !Evaluate(not.Key, view, depth + 1),
            FlagKey flag => message.Flags.HasFlag(flag.Flag) == flag.Set,
            RecentKey recent => subject.IsRecent == recent.Recent,
            NewKey => subject.IsRecent && !message.Flags.HasFlag(MessageFlags.Seen),
            KeywordKey keyword => message.Keywords.Contains(keyword.Keyword, StringComparer.OrdinalIgnoreCase) == keyword.Has,
            SequenceKey { Uid: true } sequence => sequence.Set.Contains(message.Uid, subject.LargestUid),
            SequenceKey sequence => sequence.Set.Contains(subject.SequenceNumber, subject.LargestSequence),
            AddressKey address => SearchText.FieldContains(view.StoredHeaders, FieldName(address.Field), address.Value),
            SubjectKey subjectKey => SearchText.FieldContains(view.StoredHeaders, HeaderNames.Subject, subjectKey.Value),
            HeaderKey header => SearchText.FieldContains(view.StoredHeaders, header.Field, header.Value),
            DateKey date => Compare(DateOf(date, view), date),
            SizeKey { Larger: true } size => message.Size > size.Size,
            SizeKey size => message.Size < size.Size,
            ModSeqKey modSeq => message.ModSeq >= modSeq.ModSeq,
            _ => throw new InvalidOperationException($"The search key {key.GetType().Name} needs the message content."),
        };
    }

    // RFC 3501 §6.4.4: dates disregard time and timezone. The internal date is taken in the server's zone (UTC);
    // the Date: header in its own zone, so "Mon, 3 Jun 2024 23:30 -0700" is SENTON 3-Jun-2024. A message without a
    // readable Date: is dated by its internal date, as Cyrus does, rather than matching every SENTBEFORE.
    private static DateOnly DateOf(DateKey key, SearchView view)
    {
        if (key.SentDate && view.StoredHeaders.Find(HeaderNames.Date) is { } header && MailDate.Parse(header.RawValue.Span) is { } sent)
        {
            return DateOnly.FromDateTime(sent.DateTime);
        }

        return DateOnly.FromDateTime(view.Subject.Message.InternalDate.UtcDateTime);
    }

    private static bool Compare(DateOnly date, DateKey key) => key.Comparison switch
    {
        DateComparison.Before => date < key.Date,
        DateComparison.On => date == key.Date,
        _ => date >= key.Date,
    };

    private static string FieldName(AddressField field) => field switch
    {
        AddressField.From => HeaderNames.From,
        AddressField.To => HeaderNames.To,
        AddressField.Cc => HeaderNames.Cc,
        _ => HeaderNames.Bcc,
    };

    private static void CheckDepth(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException($"The search key nests deeper than {MaxDepth} levels.", nameof(depth));
        }
    }
}
