namespace ServerlessMail.Mime;

/// <summary>An RFC 5322 group (<c>name: a@x, b@y;</c>). Its members are mailboxes or raw pieces, never nested groups.</summary>
public sealed class GroupAddress : InternetAddress
{
    public GroupAddress(string? name, IReadOnlyList<InternetAddress> members)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(members);
        Members = members;
    }

    public IReadOnlyList<InternetAddress> Members { get; }

    public override string ToString() => $"{Name}: {string.Join(", ", Members)};";
}
