namespace ServerlessMail.Storage.Local.Sqlite;

/// <summary>
/// The schema, as forward-only steps: step N takes a database at version N-1 to version N. A released step is never
/// edited; a change is a new step. Columns are ordered small first so that listings and IMAP state reads stop
/// before the summary and structure columns, which may spill onto overflow pages.
/// </summary>
internal static class Migrations
{
    public static IReadOnlyList<string> Steps { get; } = [V1, V2, V3, V4];

    public static int Latest => Steps.Count;

    private const string V1 = """
        CREATE TABLE store_meta (
            name TEXT NOT NULL PRIMARY KEY,
            value BLOB NOT NULL
        ) WITHOUT ROWID;

        -- Signs listing cursors; random per store, so a cursor from another store fails its check.
        INSERT INTO store_meta (name, value) VALUES ('cursor_key', randomblob(32));

        CREATE TABLE accounts (
            id TEXT NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            sends_per_day INTEGER,
            sends_per_minute INTEGER,
            stored_bytes_limit INTEGER,
            created_at INTEGER NOT NULL,
            stored_bytes INTEGER NOT NULL DEFAULT 0
        );

        CREATE TABLE inboxes (
            id TEXT NOT NULL PRIMARY KEY,
            account_id TEXT NOT NULL REFERENCES accounts (id),
            address TEXT NOT NULL UNIQUE,
            local_part TEXT NOT NULL,
            domain TEXT NOT NULL,
            display_name TEXT,
            sends_per_day INTEGER,
            sends_per_minute INTEGER,
            stored_bytes_limit INTEGER,
            created_at INTEGER NOT NULL,
            stored_bytes INTEGER NOT NULL DEFAULT 0
        );

        -- Ids sort by creation time, so (account, id) serves newest-first listings with keyset cursors.
        CREATE INDEX inboxes_by_account ON inboxes (account_id, id);

        CREATE TABLE domains (
            name TEXT NOT NULL PRIMARY KEY,
            account_id TEXT NOT NULL REFERENCES accounts (id),
            is_default INTEGER NOT NULL,
            catch_all_inbox_id TEXT REFERENCES inboxes (id) ON DELETE SET NULL,
            created_at INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE INDEX domains_by_account ON domains (account_id, name);
        CREATE INDEX domains_by_catch_all ON domains (catch_all_inbox_id) WHERE catch_all_inbox_id IS NOT NULL;

        -- name_key is the name with INBOX upper-cased (RFC 3501 §5.1), so the unique index refuses "inbox" too.
        -- total, unseen, uid_next and highest_modseq are kept here, inside each writing transaction.
        CREATE TABLE folders (
            id TEXT NOT NULL PRIMARY KEY,
            inbox_id TEXT NOT NULL REFERENCES inboxes (id),
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            special_use INTEGER NOT NULL,
            uid_validity INTEGER NOT NULL,
            uid_next INTEGER NOT NULL,
            highest_modseq INTEGER NOT NULL,
            total INTEGER NOT NULL,
            unseen INTEGER NOT NULL,
            first_recent_uid INTEGER NOT NULL,
            subscribed INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            UNIQUE (inbox_id, name_key)
        );

        CREATE TABLE messages (
            id TEXT NOT NULL PRIMARY KEY,
            folder_id TEXT NOT NULL REFERENCES folders (id),
            uid INTEGER NOT NULL,
            modseq INTEGER NOT NULL,
            flags INTEGER NOT NULL,
            keywords TEXT NOT NULL,
            account_id TEXT NOT NULL,
            inbox_id TEXT NOT NULL,
            internal_date INTEGER NOT NULL,
            size INTEGER NOT NULL,
            thread_id TEXT NOT NULL,
            blob_key TEXT NOT NULL,
            delivery_key TEXT,
            search_subject TEXT NOT NULL,
            search_from TEXT NOT NULL,
            search_to TEXT NOT NULL,
            search_text TEXT NOT NULL,
            envelope TEXT NOT NULL,
            summary TEXT NOT NULL,
            structure BLOB NOT NULL
        );

        -- Newest-first listing (keyset on uid), UID lookups and SELECT's state list.
        CREATE UNIQUE INDEX messages_by_uid ON messages (folder_id, uid);
        -- CONDSTORE/QRESYNC: what changed in a folder after a MODSEQ (RFC 7162).
        CREATE INDEX messages_by_modseq ON messages (folder_id, modseq);
        CREATE INDEX messages_by_thread ON messages (account_id, thread_id, internal_date);
        -- Whether a blob is still referenced after an expunge or a delete.
        CREATE INDEX messages_by_blob ON messages (blob_key);
        -- Idempotent delivery: one message per delivery key.
        CREATE UNIQUE INDEX messages_by_delivery_key ON messages (delivery_key) WHERE delivery_key IS NOT NULL;

        -- Expunge tombstones, so a client that last saw MODSEQ m learns which UIDs vanished (RFC 7162 §3.2.5.2).
        CREATE TABLE expunged (
            folder_id TEXT NOT NULL REFERENCES folders (id) ON DELETE CASCADE,
            modseq INTEGER NOT NULL,
            uid INTEGER NOT NULL,
            PRIMARY KEY (folder_id, modseq, uid)
        ) WITHOUT ROWID;

        CREATE TABLE thread_message_ids (
            account_id TEXT NOT NULL,
            message_id TEXT NOT NULL,
            thread_id TEXT NOT NULL,
            PRIMARY KEY (account_id, message_id)
        ) WITHOUT ROWID;

        CREATE TABLE thread_subjects (
            account_id TEXT NOT NULL,
            subject_key TEXT NOT NULL,
            thread_id TEXT NOT NULL,
            latest_at INTEGER NOT NULL,
            PRIMARY KEY (account_id, subject_key, thread_id)
        ) WITHOUT ROWID;

        CREATE INDEX thread_subjects_latest ON thread_subjects (account_id, subject_key, latest_at);

        CREATE TABLE tokens (
            id TEXT NOT NULL PRIMARY KEY,
            account_id TEXT NOT NULL REFERENCES accounts (id),
            name TEXT NOT NULL,
            inbox_id TEXT,
            permissions INTEGER NOT NULL,
            hash BLOB NOT NULL,
            display_prefix TEXT NOT NULL,
            last_four TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            expires_at INTEGER,
            last_used_at INTEGER,
            revoked_at INTEGER
        );

        CREATE UNIQUE INDEX tokens_by_hash ON tokens (hash);
        CREATE INDEX tokens_by_account ON tokens (account_id, id);

        CREATE TABLE quota_counters (
            key TEXT NOT NULL PRIMARY KEY,
            value INTEGER NOT NULL,
            expires_at INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE INDEX quota_counters_by_expiry ON quota_counters (expires_at);

        CREATE TABLE quota_charges (
            idempotency_key TEXT NOT NULL PRIMARY KEY,
            expires_at INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE INDEX quota_charges_by_expiry ON quota_charges (expires_at);

        CREATE TABLE accepted (
            id TEXT NOT NULL PRIMARY KEY,
            blob_key TEXT NOT NULL,
            size INTEGER NOT NULL,
            accepted_at INTEGER NOT NULL,
            state INTEGER NOT NULL,
            attempts INTEGER NOT NULL,
            next_attempt_at INTEGER NOT NULL,
            last_error TEXT,
            envelope TEXT NOT NULL
        );

        -- Only undelivered records (state 0 = Accepted) are in the due index.
        CREATE INDEX accepted_due ON accepted (next_attempt_at, id) WHERE state = 0;

        CREATE TABLE outbound (
            id TEXT NOT NULL PRIMARY KEY,
            account_id TEXT NOT NULL,
            inbox_id TEXT NOT NULL,
            sent_message_id TEXT NOT NULL,
            message_id_header TEXT,
            blob_key TEXT NOT NULL,
            mail_from TEXT NOT NULL,
            status INTEGER NOT NULL,
            provider_message_id TEXT,
            attempts INTEGER NOT NULL,
            next_attempt_at INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            idempotency_key TEXT,
            recipients TEXT NOT NULL,
            history TEXT NOT NULL
        );

        CREATE UNIQUE INDEX outbound_by_idempotency_key ON outbound (account_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
        CREATE INDEX outbound_by_inbox ON outbound (inbox_id, id);
        CREATE INDEX outbound_by_provider_id ON outbound (provider_message_id) WHERE provider_message_id IS NOT NULL;
        -- Only queued records (status 0 = Queued) are in the due index.
        CREATE INDEX outbound_due ON outbound (next_attempt_at, id) WHERE status = 0;
        """;

    // Outbound claims hold a lease: a record left in Sending (1) by a worker that died is due again once the lease
    // (its next_attempt_at) ends, so the due index covers Sending as well as Queued.
    private const string V2 = """
        DROP INDEX outbound_due;
        CREATE INDEX outbound_due ON outbound (next_attempt_at, id) WHERE status IN (0, 1);
        """;

    // Expunges and deletions keep a blob that a pending outbound or accepted record will still read; these find one.
    private const string V3 = """
        CREATE INDEX outbound_pending_by_blob ON outbound (blob_key) WHERE status IN (0, 1);
        CREATE INDEX accepted_pending_by_blob ON accepted (blob_key) WHERE state = 0;
        """;

    // The per-account suppression list (hard bounces, complaints): one row per account and lower-cased address.
    private const string V4 = """
        CREATE TABLE suppressions (
            account_id TEXT NOT NULL,
            address TEXT NOT NULL,
            reason INTEGER NOT NULL,
            at INTEGER NOT NULL,
            detail TEXT,
            PRIMARY KEY (account_id, address)
        ) WITHOUT ROWID;
        """;
}
