namespace ServerlessMail.Mime;

/// <summary>One entry of an RFC 5322 address list: a mailbox, a group, or a piece kept as raw text.</summary>
public abstract class InternetAddress
{
    private protected InternetAddress(string? name) => Name = name;

    /// <summary>The decoded display name (RFC 2047 words decoded), or null when there is none.</summary>
    public string? Name { get; }
}
