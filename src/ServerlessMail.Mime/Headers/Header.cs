namespace ServerlessMail.Mime;

/// <summary>
/// One header field as it appeared in the message. The raw bytes are kept (folds included), so nothing is lost;
/// the unfolded and decoded forms are computed on demand.
/// </summary>
public sealed class Header
{
    internal Header(string name, ReadOnlyMemory<byte> rawValue, long offset, bool isInvalid = false)
    {
        Name = name;
        RawValue = rawValue;
        Offset = offset;
        IsInvalid = isInvalid;
    }

    /// <summary>The field name as written (case kept).</summary>
    public string Name { get; }

    /// <summary>The octets after the colon, up to but not including the line break that ends the field. Folds are kept.</summary>
    public ReadOnlyMemory<byte> RawValue { get; }

    /// <summary>The absolute offset of the field's first octet in the message.</summary>
    public long Offset { get; }

    /// <summary>True for a line in the header block that has no colon (kept, as Dovecot does, rather than ending the block).</summary>
    public bool IsInvalid { get; }

    public override string ToString() => Name;
}
