namespace ServerlessMail.Mime;

/// <summary>What a body needs: <paramref name="EightBit"/> octets, or something only an encoding can carry.</summary>
internal readonly record struct TextShape(bool EightBit, bool NeedsEncoding)
{
    public ContentEncoding Choose(bool allowEightBit) => NeedsEncoding || (EightBit && !allowEightBit)
        ? ContentEncoding.QuotedPrintable
        : EightBit ? ContentEncoding.EightBit : ContentEncoding.SevenBit;
}
