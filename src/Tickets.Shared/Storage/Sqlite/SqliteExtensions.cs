using Microsoft.Data.Sqlite;

namespace Tickets.Storage.Sqlite;

internal static class SqliteExtensions
{
    /// <summary>
    /// A command for <paramref name="sql"/>: on a kept connection (the writer, a lent reader) the statement prepared the last
    /// time this text ran there, so a write does not compile its SQL again; elsewhere a new one. Dispose it either way.
    /// </summary>
    public static SqliteCommand Command(this SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        if (SqliteSession.Of(connection)?.Kept(sql) is { } kept)
        {
            kept.Transaction = transaction;
            return kept;
        }

        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public static long Ticks(this DateTimeOffset value) => value.UtcTicks;

    public static object Ticks(this DateTimeOffset? value) => value is null ? DBNull.Value : value.Value.UtcTicks;

    public static DateTimeOffset GetInstant(this SqliteDataReader reader, int ordinal) => new(reader.GetInt64(ordinal), TimeSpan.Zero);

    public static DateTimeOffset? GetInstantOrNull(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new DateTimeOffset(reader.GetInt64(ordinal), TimeSpan.Zero);

    public static string? GetStringOrNull(this SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>A LIKE pattern that matches <paramref name="text"/> anywhere, with wildcards in it escaped (ESCAPE '\').</summary>
    public static string Contains(string text) =>
        "%" + text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";

    public static bool IsUniqueViolation(this SqliteException exception) =>
        exception.SqliteErrorCode == 19 && exception.SqliteExtendedErrorCode is 2067 or 1555;
}
