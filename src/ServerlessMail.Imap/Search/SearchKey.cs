using ServerlessMail.Core;
using ServerlessMail.Imap.Protocol;

namespace ServerlessMail.Imap.Search;

/// <summary>One RFC 3501 §6.4.4 search key. The SEARCH parser builds the tree; <see cref="SearchEvaluator"/> runs it.</summary>
internal abstract record SearchKey;

internal sealed record AllKey : SearchKey;

/// <summary>A parenthesized list, or the top-level list: every key must match.</summary>
internal sealed record AndKey(IReadOnlyList<SearchKey> Keys) : SearchKey;

internal sealed record OrKey(SearchKey Left, SearchKey Right) : SearchKey;

internal sealed record NotKey(SearchKey Key) : SearchKey;

/// <summary>SEEN/UNSEEN, ANSWERED/UNANSWERED, FLAGGED/UNFLAGGED, DELETED/UNDELETED, DRAFT/UNDRAFT.</summary>
internal sealed record FlagKey(MessageFlags Flag, bool Set) : SearchKey;

/// <summary>RECENT, or OLD (<c>Recent = false</c>).</summary>
internal sealed record RecentKey(bool Recent) : SearchKey;

/// <summary>NEW: RECENT and UNSEEN.</summary>
internal sealed record NewKey : SearchKey;

/// <summary>KEYWORD / UNKEYWORD.</summary>
internal sealed record KeywordKey(string Keyword, bool Has) : SearchKey;

/// <summary>A bare sequence set, or UID with a set.</summary>
internal sealed record SequenceKey(SequenceSet Set, bool Uid) : SearchKey;

/// <summary>FROM/TO/CC/BCC: a substring of the decoded header text.</summary>
internal sealed record AddressKey(AddressField Field, string Value) : SearchKey;

internal sealed record SubjectKey(string Value) : SearchKey;

/// <summary>HEADER field value; an empty value matches any message that has the field.</summary>
internal sealed record HeaderKey(string Field, string Value) : SearchKey;

/// <summary>BODY: a substring of the decoded text parts.</summary>
internal sealed record BodyKey(string Value) : SearchKey;

/// <summary>TEXT: a substring of the header or the body.</summary>
internal sealed record TextKey(string Value) : SearchKey;

/// <summary>
/// BEFORE/ON/SINCE compare the internal date in the server's zone (UTC); SENTBEFORE/SENTON/SENTSINCE the Date:
/// header's own date part. Both disregard time and zone (RFC 3501 §6.4.4).
/// </summary>
internal sealed record DateKey(DateOnly Date, DateComparison Comparison, bool SentDate) : SearchKey;

/// <summary>LARGER / SMALLER against RFC822.SIZE.</summary>
internal sealed record SizeKey(long Size, bool Larger) : SearchKey;

/// <summary>RFC 7162 §3.1.5 MODSEQ n: messages whose mod-sequence is at least n.</summary>
internal sealed record ModSeqKey(ulong ModSeq) : SearchKey;
