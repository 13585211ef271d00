namespace ServerlessMail.Storage.Aws.Dynamo;

/// <summary>The table's key schema and indexes, and creating it (docs/storage.md explains each index).</summary>
internal static class TableSchema
{
    public const string LocalIndexPrefix = "LSI";

    /// <summary>Children of a parent, newest first: an account's inboxes and tokens, an inbox's outbound mail.</summary>
    public const string ByParent = "GSI1";

    /// <summary>Accepted and queued-outbound records by next attempt, sharded. Keys only: callers re-read the base items.</summary>
    public const string Due = "GSI2";

    /// <summary>Message bodies by account and thread, oldest first. Keys only.</summary>
    public const string ByThread = "GSI3";

    /// <summary>A folder's message states and expunge tombstones by MODSEQ: the IMAP change feed (RFC 7162), strongly consistent.</summary>
    public const string ByModSeq = "LSI1";

    public static CreateTableRequest CreateRequest(string tableName) => new()
    {
        TableName = tableName,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions =
        [
            Definition(Attr.Pk, ScalarAttributeType.S), Definition(Attr.Sk, ScalarAttributeType.S),
            Definition(Attr.Gsi1Pk, ScalarAttributeType.S), Definition(Attr.Gsi1Sk, ScalarAttributeType.S),
            Definition(Attr.Gsi2Pk, ScalarAttributeType.S), Definition(Attr.Gsi2Sk, ScalarAttributeType.S),
            Definition(Attr.Gsi3Pk, ScalarAttributeType.S), Definition(Attr.Gsi3Sk, ScalarAttributeType.S),
            Definition(Attr.ModSeq, ScalarAttributeType.N),
        ],
        KeySchema = [Key(Attr.Pk, KeyType.HASH), Key(Attr.Sk, KeyType.RANGE)],
        GlobalSecondaryIndexes =
        [
            Global(ByParent, Attr.Gsi1Pk, Attr.Gsi1Sk, ProjectionType.ALL),
            Global(Due, Attr.Gsi2Pk, Attr.Gsi2Sk, ProjectionType.KEYS_ONLY),
            Global(ByThread, Attr.Gsi3Pk, Attr.Gsi3Sk, ProjectionType.KEYS_ONLY),
        ],
        LocalSecondaryIndexes =
        [
            new LocalSecondaryIndex
            {
                IndexName = ByModSeq,
                KeySchema = [Key(Attr.Pk, KeyType.HASH), Key(Attr.ModSeq, KeyType.RANGE)],
                Projection = new Projection { ProjectionType = ProjectionType.ALL },
            },
        ],
    };

    private static AttributeDefinition Definition(string name, ScalarAttributeType type) => new() { AttributeName = name, AttributeType = type };

    private static KeySchemaElement Key(string name, KeyType type) => new() { AttributeName = name, KeyType = type };

    private static GlobalSecondaryIndex Global(string name, string pk, string sk, ProjectionType projection) => new()
    {
        IndexName = name,
        KeySchema = [Key(pk, KeyType.HASH), Key(sk, KeyType.RANGE)],
        Projection = new Projection { ProjectionType = projection },
    };
}
