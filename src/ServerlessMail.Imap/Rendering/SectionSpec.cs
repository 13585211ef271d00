using System.Globalization;
using System.Text;

namespace ServerlessMail.Imap.Rendering;

/// <summary>
/// A parsed RFC 3501 §6.4.5 section: BODY[&lt;Part&gt;.&lt;Kind&gt; (&lt;Fields&gt;)]. An empty <see cref="Part"/> is the whole message.
/// </summary>
internal sealed record SectionSpec(IReadOnlyList<int> Part, SectionKind Kind, IReadOnlyList<string> Fields)
{
    public static SectionSpec Whole { get; } = new([], SectionKind.Full, []);

    /// <summary>The canonical form a FETCH response names the section by (RFC 3501 §7.4.2): field names upper-cased.</summary>
    public string ToImapString()
    {
        var builder = new StringBuilder();
        foreach (var number in Part)
        {
            if (builder.Length > 0)
            {
                builder.Append('.');
            }

            builder.Append(number.ToString(CultureInfo.InvariantCulture));
        }

        var text = Kind switch
        {
            SectionKind.Header => "HEADER",
            SectionKind.HeaderFields => "HEADER.FIELDS",
            SectionKind.HeaderFieldsNot => "HEADER.FIELDS.NOT",
            SectionKind.Text => "TEXT",
            SectionKind.Mime => "MIME",
            _ => null,
        };
        if (text is null)
        {
            return builder.ToString();
        }

        if (builder.Length > 0)
        {
            builder.Append('.');
        }

        builder.Append(text);
        if (Kind is SectionKind.HeaderFields or SectionKind.HeaderFieldsNot)
        {
            builder.Append(" (");
            for (var i = 0; i < Fields.Count; i++)
            {
                if (i > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(Fields[i].ToUpperInvariant());
            }

            builder.Append(')');
        }

        return builder.ToString();
    }
}
