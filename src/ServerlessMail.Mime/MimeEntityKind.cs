namespace ServerlessMail.Mime;

public enum MimeEntityKind
{
    /// <summary>A part with a body and no children (text, image, application, or anything cut off by a limit).</summary>
    Leaf,

    /// <summary>A <c>multipart/*</c> entity; its parts are <see cref="MimeEntity.Children"/>.</summary>
    Multipart,

    /// <summary>A <c>message/rfc822</c> or <c>message/global</c> entity; the nested message is <see cref="MimeEntity.EncapsulatedMessage"/>.</summary>
    Message,
}
