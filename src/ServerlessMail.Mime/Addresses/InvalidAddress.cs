namespace ServerlessMail.Mime;

/// <summary>
/// A piece of an address list that is not a valid mailbox. It keeps the raw text so that nothing is lost,
/// and it is never turned into a different, valid-looking address (no spoofing through parser tricks).
/// </summary>
public sealed class InvalidAddress : InternetAddress
{
    public InvalidAddress(string text)
        : base(null)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
    }

    /// <summary>The raw text of the piece, unfolded and trimmed.</summary>
    public string Text { get; }

    public override string ToString() => Text;
}
