using System.Text;

namespace ServerlessMail.Mime;

/// <summary>
/// The message as a reader sees it: a text body, an HTML body, and the other parts as attachments. The first
/// text/plain and the first text/html that are not attachments, in document order, are the bodies; a forwarded
/// message is an attachment, never a body.
/// </summary>
public sealed partial class MimeMessage
{
    private const int PreviewHtmlScanLimit = 64 * 1024;

    private bool _classified;
    private MimeEntity? _textPart;
    private MimeEntity? _htmlPart;
    private List<MimeAttachment>? _attachments;

    public MimeEntity? TextBodyPart
    {
        get
        {
            Classify();
            return _textPart;
        }
    }

    public MimeEntity? HtmlBodyPart
    {
        get
        {
            Classify();
            return _htmlPart;
        }
    }

    public IReadOnlyList<MimeAttachment> Attachments
    {
        get
        {
            Classify();
            return _attachments!;
        }
    }

    public string? GetTextBody() => TextBodyPart?.DecodeText(RequireSource());

    public string? GetHtmlBody() => HtmlBodyPart?.DecodeText(RequireSource());

    /// <summary>A short plain-text preview: the text body (or the HTML as text), white space collapsed, cut at a word.</summary>
    public string GetPreview(int maxLength = 200)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        var text = GetTextBody();
        if (string.IsNullOrWhiteSpace(text) && GetHtmlBody() is { } html)
        {
            text = HtmlText.ToPlainText(html, PreviewHtmlScanLimit);
        }

        return Collapse(text ?? string.Empty, maxLength);
    }

    private IMimeSource RequireSource() =>
        Source ?? throw new InvalidOperationException("The message was parsed from a stream that cannot seek; its content cannot be read back.");

    private void Classify()
    {
        if (_classified)
        {
            return;
        }

        var attachments = new List<MimeAttachment>();
        foreach (var (entity, number) in MimePartNumbers.Enumerate(Root))
        {
            if (entity.Kind == MimeEntityKind.Multipart || IsInsideNestedMessage(entity))
            {
                continue;
            }

            var type = entity.ContentType;
            var isAttachment = entity.IsAttachment || entity.Kind == MimeEntityKind.Message;
            if (!isAttachment && type.Is("text", "plain"))
            {
                if (_textPart is null)
                {
                    _textPart = entity;
                    continue;
                }

                if (entity.ContentDisposition?.FileName is null && type.Name is null)
                {
                    // A second unnamed text piece (Apple Mail splits text around inline images) is body, not an attachment.
                    continue;
                }
            }
            else if (!isAttachment && type.Is("text", "html"))
            {
                if (_htmlPart is null)
                {
                    _htmlPart = entity;
                    continue;
                }

                if (entity.ContentDisposition?.FileName is null && type.Name is null)
                {
                    continue;
                }
            }

            attachments.Add(new MimeAttachment(entity, number, Source));
        }

        _attachments = attachments;
        _classified = true;
    }

    /// <summary>Parts of a forwarded message belong to that message: the message part is listed, its insides are not.</summary>
    private static bool IsInsideNestedMessage(MimeEntity entity)
    {
        for (var parent = entity.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent.Kind == MimeEntityKind.Message)
            {
                return true;
            }
        }

        return false;
    }

    private static string Collapse(string text, int maxLength)
    {
        var builder = new StringBuilder(Math.Min(text.Length, maxLength + 16));
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
            if (builder.Length >= maxLength)
            {
                break;
            }
        }

        if (builder.Length < maxLength)
        {
            return builder.ToString();
        }

        var cut = builder.ToString(0, maxLength);
        var lastSpace = cut.LastIndexOf(' ');
        return lastSpace > maxLength / 2 ? cut[..lastSpace] : cut;
    }
}
