namespace ServerlessMail.Storage.Local.Sqlite;

/// <summary>
/// Brings a database to <see cref="Migrations.Latest"/>: each missing step runs in its own transaction together with
/// the row that records it, so a crash mid-migration leaves the previous version intact.
/// </summary>
internal static class SchemaMigrator
{
    private const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version INTEGER NOT NULL PRIMARY KEY,
            applied_at INTEGER NOT NULL
        )
        """;

    private const string SelectVersion = "SELECT max(version) FROM schema_version";

    private const string InsertVersion = "INSERT INTO schema_version (version, applied_at) VALUES ($version, $at)";

    /// <summary>Returns the version the database had before.</summary>
    public static int Migrate(SqlSession session, TimeProvider clock)
    {
        session.Execute(CreateVersionTable);
        var current = (int)(session.Command(SelectVersion).QueryInt64() ?? 0);
        if (current > Migrations.Latest)
        {
            // Running old code on a newer schema could corrupt it; refuse instead of guessing.
            throw new InvalidOperationException(
                $"The database is at schema version {current}, newer than this build's {Migrations.Latest}.");
        }

        for (var version = current + 1; version <= Migrations.Latest; version++)
        {
            session.Execute("BEGIN IMMEDIATE");
            try
            {
                session.Execute(Migrations.Steps[version - 1]);
                session.Command(InsertVersion).Bind("$version", version).Bind("$at", clock.GetUtcNow()).ExecuteNonQuery();
                session.Execute("COMMIT");
            }
            catch
            {
                if (!session.InAutocommit)
                {
                    session.Execute("ROLLBACK");
                }

                throw;
            }
        }

        return current;
    }
}
