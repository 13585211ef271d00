using Microsoft.Data.Sqlite;

namespace ServerlessMail.Storage.Local.Sqlite;

/// <summary>Binding and reading helpers, so statements read as SQL plus a list of named values.</summary>
internal static class SqlExtensions
{
    public static SqliteCommand Bind(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public static SqliteCommand Bind(this SqliteCommand command, string name, DateTimeOffset value) =>
        command.Bind(name, value.UtcTicks);

    public static SqliteCommand Bind(this SqliteCommand command, string name, DateTimeOffset? value) =>
        command.Bind(name, value?.UtcTicks);

    public static SqliteCommand Bind(this SqliteCommand command, string name, uint value) => command.Bind(name, (long)value);

    /// <summary>MODSEQs are below 2^63 in practice; SQLite integers are signed 64-bit.</summary>
    public static SqliteCommand Bind(this SqliteCommand command, string name, ulong value) => command.Bind(name, checked((long)value));

    public static SqliteCommand Bind(this SqliteCommand command, string name, bool value) => command.Bind(name, value ? 1L : 0L);

    public static SqliteCommand Bind(this SqliteCommand command, string name, ReadOnlyMemory<byte> value) =>
        command.Bind(name, (object)value.ToArray());

    public static T? QuerySingle<T>(this SqliteCommand command, Func<SqliteDataReader, T> read)
        where T : class
    {
        using var reader = command.ExecuteReader();
        return reader.Read() ? read(reader) : null;
    }

    public static List<T> QueryList<T>(this SqliteCommand command, Func<SqliteDataReader, T> read)
    {
        var list = new List<T>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add(read(reader));
        }

        return list;
    }

    /// <summary>The first column of the first row, or null when there is no row (or it is NULL).</summary>
    public static long? QueryInt64(this SqliteCommand command)
    {
        var value = command.ExecuteScalar();
        return value is null or DBNull ? null : (long)value;
    }

    public static string? QueryString(this SqliteCommand command)
    {
        var value = command.ExecuteScalar();
        return value is null or DBNull ? null : (string)value;
    }

    public static DateTimeOffset GetTime(this SqliteDataReader reader, int ordinal) => new(reader.GetInt64(ordinal), TimeSpan.Zero);

    public static DateTimeOffset? GetNullableTime(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new DateTimeOffset(reader.GetInt64(ordinal), TimeSpan.Zero);

    public static string? GetNullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? GetNullableInt64(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static int? GetNullableInt32(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    public static uint GetUInt32(this SqliteDataReader reader, int ordinal) => checked((uint)reader.GetInt64(ordinal));

    public static ulong GetUInt64(this SqliteDataReader reader, int ordinal) => checked((ulong)reader.GetInt64(ordinal));

    public static bool GetFlag(this SqliteDataReader reader, int ordinal) => reader.GetInt64(ordinal) != 0;

    public static byte[] GetBytes(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? [] : (byte[])reader.GetValue(ordinal);
}
