using System.Text;

namespace ServerlessMail.Storage.Aws.Dynamo;

/// <summary>
/// <see cref="MessageQuery"/> matched in memory: DynamoDB has no case-insensitive substring filter, and the summary is
/// one JSON attribute anyway. The same rules as the embedded store: From and To against their address fields
/// ("Name &lt;address&gt;"), Subject against the subject, Text against all of those plus Cc and the preview.
/// </summary>
internal sealed class MessageFilter(MessageQuery query)
{
    private readonly string? _from = Needle(query.From);
    private readonly string? _to = Needle(query.To);
    private readonly string? _subject = Needle(query.Subject);
    private readonly string? _text = Needle(query.Text);

    /// <summary>True when only flags are filtered on, so the state items alone decide.</summary>
    public bool NeedsBody =>
        _from is not null || _to is not null || _subject is not null || _text is not null || query.Since is not null ||
        query.Before is not null || query.ThreadId is not null;

    public bool MatchesState(MessageFlags flags) => query.Unread is not { } unread || ((flags & MessageFlags.Seen) == 0) == unread;

    public bool Matches(StoredMessage message)
    {
        if (!MatchesState(message.Flags) ||
            (query.Since is { } since && message.InternalDate < since) ||
            (query.Before is { } before && message.InternalDate >= before) ||
            (query.ThreadId is { } thread && !string.Equals(message.ThreadId, thread, StringComparison.Ordinal)))
        {
            return false;
        }

        var summary = message.Summary;
        var subject = Fold(summary.Subject ?? string.Empty);
        var from = Addresses(summary.From);
        var to = Addresses(summary.To);
        return Contains(from, _from) && Contains(to, _to) && Contains(subject, _subject) &&
            (_text is null || Contains(string.Join('\n', subject, from, to, Addresses(summary.Cc), Fold(summary.Preview)), _text));
    }

    private static bool Contains(string haystack, string? needle) => needle is null || haystack.Contains(needle, StringComparison.Ordinal);

    private static string? Needle(string? value) => string.IsNullOrEmpty(value) ? null : Fold(value);

    private static string Fold(string value) => value.ToLowerInvariant();

    private static string Addresses(IReadOnlyList<AddressSummary> addresses)
    {
        var builder = new StringBuilder();
        foreach (var address in addresses)
        {
            if (builder.Length > 0)
            {
                builder.Append('\n');
            }

            if (address.Name is { Length: > 0 } name)
            {
                builder.Append(name).Append(" <").Append(address.Address).Append('>');
            }
            else
            {
                builder.Append(address.Address);
            }
        }

        return Fold(builder.ToString());
    }
}
