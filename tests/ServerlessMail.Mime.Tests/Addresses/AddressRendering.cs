namespace ServerlessMail.Mime.Tests;

/// <summary>
/// A compact text form of parse results for table tests: a mailbox is <c>name|local|domain</c> (plus <c>|route</c>),
/// a group is <c>group:name[member; member]</c>, a raw piece is <c>invalid:text</c>; list items are joined by " ;; ".
/// </summary>
internal static class AddressRendering
{
    public static string Render(IReadOnlyList<InternetAddress> list) => string.Join(" ;; ", list.Select(Render));

    public static string Render(InternetAddress address) => address switch
    {
        MailboxAddress m => $"{m.Name}|{m.LocalPart}|{m.Domain}" + (m.Route is null ? string.Empty : "|" + m.Route),
        GroupAddress g => $"group:{g.Name}[{string.Join("; ", g.Members.Select(Render))}]",
        InvalidAddress x => "invalid:" + x.Text,
        _ => throw new ArgumentOutOfRangeException(nameof(address)),
    };
}
