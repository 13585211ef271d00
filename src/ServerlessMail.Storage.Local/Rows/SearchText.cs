using System.Text;
using ServerlessMail.Core;

namespace ServerlessMail.Storage.Local.Rows;

/// <summary>
/// The lower-cased text that <see cref="MessageQuery"/> filters match as substrings: From and To against their address
/// fields, Subject against the subject, Text against all of those plus Cc and the preview. Folding once at write time
/// keeps a filtered listing to one <c>instr</c> per row.
/// </summary>
internal readonly record struct SearchText(string Subject, string From, string To, string Text)
{
    public static SearchText For(MessageSummary summary)
    {
        var subject = Fold(summary.Subject ?? string.Empty);
        var from = Addresses(summary.From);
        var to = Addresses(summary.To);
        var text = string.Join('\n', subject, from, to, Addresses(summary.Cc), Fold(summary.Preview));
        return new SearchText(subject, from, to, text);
    }

    /// <summary>Case folding for matching; invariant, so it is the same on every machine.</summary>
    public static string Fold(string value) => value.ToLowerInvariant();

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
