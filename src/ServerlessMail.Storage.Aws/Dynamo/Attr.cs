namespace ServerlessMail.Storage.Aws.Dynamo;

/// <summary>
/// Attribute names. Short, because every item stores its names and DynamoDB bills by item size. Key and index
/// attributes are shared by every item type; the rest are per type but never reused with another meaning.
/// </summary>
internal static class Attr
{
    public const string Pk = "PK";
    public const string Sk = "SK";
    public const string Gsi1Pk = "G1PK";
    public const string Gsi1Sk = "G1SK";
    public const string Gsi2Pk = "G2PK";
    public const string Gsi2Sk = "G2SK";
    public const string Gsi3Pk = "G3PK";
    public const string Gsi3Sk = "G3SK";

    /// <summary>A MODSEQ on message state and expunge tombstones: the sort key of the change-feed LSI.</summary>
    public const string ModSeq = "ms";

    /// <summary>Epoch seconds after which DynamoDB's TTL may delete the item.</summary>
    public const string Ttl = "ttl";

    public const string Id = "id";
    public const string AccountId = "acc";
    public const string InboxId = "inb";
    public const string FolderId = "fld";
    public const string MessageId = "mid";
    public const string Name = "nm";
    public const string CreatedAt = "ca";
    public const string UpdatedAt = "ua";

    // Limits (accounts, inboxes).
    public const string SendsPerDay = "lpd";
    public const string SendsPerMinute = "lpm";
    public const string StoredBytesLimit = "lsb";

    // Counters.
    public const string Value = "v";
    public const string ExpiresAt = "exp";
    public const string Bytes = "b";

    // Domains and inboxes.
    public const string IsDefault = "def";
    public const string CatchAll = "ctc";
    public const string LocalPart = "lp";
    public const string Domain = "dom";
    public const string DisplayName = "dn";

    // Folders.
    public const string SpecialUse = "su";
    public const string UidValidity = "uv";
    public const string UidNext = "un";
    public const string HighestModSeq = "hms";
    public const string Total = "tot";
    public const string Unseen = "uns";
    public const string FirstRecent = "fr";
    public const string Subscribed = "sub";

    // Messages.
    public const string Uid = "uid";
    public const string Flags = "fl";
    public const string Keywords = "kw";
    public const string InternalDate = "idt";
    public const string Size = "sz";
    public const string ThreadId = "thr";
    public const string BlobKey = "bk";
    public const string Envelope = "env";
    public const string Summary = "sum";
    public const string Structure = "st";
    public const string DeliveryKey = "dk";
    public const string Chunks = "chk";
    public const string Data = "d";

    // Envelopes.
    public const string MailFrom = "mf";
    public const string Recipients = "rc";
    public const string RemoteIp = "ip";
    public const string AuthenticatedAs = "au";
    public const string Helo = "he";

    // Thread index.
    public const string Date = "dt";

    // Tokens.
    public const string Permissions = "perm";
    public const string Hash = "h";
    public const string DisplayPrefix = "dp";
    public const string LastFour = "l4";
    public const string LastUsedAt = "lu";
    public const string RevokedAt = "rv";

    // Suppressions.
    public const string Address = "adr";
    public const string Reason = "rsn";

    // Ingest and outbound.
    public const string State = "stt";
    public const string Attempts = "att";
    public const string NextAttemptAt = "nxt";
    public const string LastError = "err";
    public const string AcceptedAt = "aca";
    public const string MessageIdHeader = "mih";
    public const string ProviderMessageId = "pid";
    public const string History = "hst";
    public const string IdempotencyKey = "ik";
    public const string SentMessageId = "smi";
    public const string Detail = "dtl";
    public const string At = "at";
}
