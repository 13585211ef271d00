namespace ServerlessMail.Imap;

internal enum FetchAttribute
{
    Uid,
    Flags,
    InternalDate,
    Size,
    Envelope,
    Body,
    BodyStructure,
    ModSeq,
    Section,

    /// <summary>RFC 3516 BINARY[part] and BINARY.PEEK[part]: the section with its Content-Transfer-Encoding undone.</summary>
    Binary,

    /// <summary>RFC 3516 BINARY.SIZE[part]: the length BINARY[part] would send.</summary>
    BinarySize,
}

/// <summary>
/// One FETCH data item. For sections, <see cref="Label"/> is the name the response uses ("BODY[1.MIME]",
/// "RFC822.HEADER", "BINARY[2]<0>"); a BINARY item's <see cref="Section"/> is part numbers only.
/// </summary>
internal sealed record FetchItem(FetchAttribute Attribute, SectionSpec? Section = null, bool Peek = false, long? PartialStart = null, long? PartialLength = null, string Label = "")
{
    public bool NeedsMessage => Attribute is not (FetchAttribute.Uid or FetchAttribute.Flags or FetchAttribute.ModSeq);
}

/// <param name="Vanished">RFC 7162 §3.2.6: UID FETCH … (CHANGEDSINCE n VANISHED) also reports the expunged UIDs of the set.</param>
internal sealed record FetchRequest(SequenceSet Set, IReadOnlyList<FetchItem> Items, ulong? ChangedSince, bool Vanished = false);
