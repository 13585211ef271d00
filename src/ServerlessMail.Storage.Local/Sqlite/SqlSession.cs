using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace ServerlessMail.Storage.Local.Sqlite;

/// <summary>
/// One connection with its prepared statements. Each SQL text is prepared once and re-bound on every use, which is
/// most of the cost of a small statement. A session belongs to one thread at a time (the writer, or a rented reader).
/// </summary>
internal sealed class SqlSession : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqlSession(SqliteConnection connection)
    {
        Connection = connection;
    }

    public SqliteConnection Connection { get; }

    /// <summary>The cached command for <paramref name="sql"/>, with its parameters cleared.</summary>
    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Callers pass the const statements of this assembly; every value is bound as a parameter.")]
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }

        command.Parameters.Clear();
        return command;
    }

    public int Execute(string sql) => Command(sql).ExecuteNonQuery();

    /// <summary>True when no transaction is open: SQLite rolls a transaction back by itself after some errors.</summary>
    public bool InAutocommit => SQLitePCL.raw.sqlite3_get_autocommit(Connection.Handle) != 0;

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        Connection.Dispose();
    }
}
