using System.Globalization;

namespace ServerlessMail.Mime;

/// <summary>
/// IMAP part specifiers (RFC 3501 §6.4.5): the parts of a multipart are numbered from 1; a <c>message/rfc822</c>
/// part's nested multipart shares the part's number, and a nested single-part body is <c>n.1</c>. The top-level
/// multipart has no number; a top-level single-part body is <c>1</c>. The REST API uses these as attachment ids.
/// </summary>
public static class MimePartNumbers
{
    /// <summary>Every entity with its part number, in document order, in one pass.</summary>
    public static IEnumerable<(MimeEntity Entity, string Number)> Enumerate(MimeEntity root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var stack = new Stack<(MimeEntity, string)>();
        stack.Push((root, root.Kind == MimeEntityKind.Multipart ? string.Empty : "1"));
        while (stack.Count > 0)
        {
            var (entity, number) = stack.Pop();
            yield return (entity, number);
            if (entity.EncapsulatedMessage is { } nested)
            {
                stack.Push((nested, nested.Kind == MimeEntityKind.Multipart ? number : Child(number, 1)));
            }

            for (var i = entity.Children.Count - 1; i >= 0; i--)
            {
                stack.Push((entity.Children[i], Child(number, i + 1)));
            }
        }
    }

    /// <summary>
    /// The entity a part specifier names, or null. A message part and its nested multipart share a number; the
    /// message part, first in document order, is the one addressed (IMAP <c>BODY[n]</c> is the whole nested message).
    /// </summary>
    public static MimeEntity? Find(MimeEntity root, string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        foreach (var (entity, candidate) in Enumerate(root))
        {
            if (candidate == number)
            {
                return entity;
            }
        }

        return null;
    }

    private static string Child(string number, int index) =>
        number.Length == 0 ? index.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{number}.{index}");
}
