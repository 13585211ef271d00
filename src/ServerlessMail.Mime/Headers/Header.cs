namespace ServerlessMail.Mime;

/// <summary>
/// One header field as it appeared in the message. The raw bytes are kept (folds included), so nothing is lost;
/// the unfolded and decoded forms are computed on demand.
/// </summary>
public sealed class Header
{
    private string? _value;
    private string? _decodedValue;

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

    /// <summary>The value unfolded (RFC 5322 §2.2.3), leading white space removed, raw UTF-8 accepted (RFC 6532).</summary>
    public string Value => _value ??= HeaderText.UnfoldAndDecode(RawValue.Span);

    /// <summary>The unfolded value with RFC 2047 encoded-words decoded, for unstructured fields such as Subject.</summary>
    public string DecodedValue => _decodedValue ??= DecodeValue();

    public override string ToString() => $"{Name}: {Value}";

    // Without an encoded-word the decoded form is the unfolded one, so both properties share one string.
    private string DecodeValue() =>
        RawValue.Span.IndexOf("=?"u8) < 0 ? Value : EncodedWords.DecodeUnstructured(RawValue.Span);
}
