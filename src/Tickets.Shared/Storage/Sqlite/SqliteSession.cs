using Microsoft.Data.Sqlite;

namespace Tickets.Storage.Sqlite;

/// <summary>
/// An open connection lent by <see cref="SqliteDatabase.ReadAsync"/>: its per-connection settings were applied once when it
/// was opened, and the statements run on it stay prepared for the next borrower. Give it back by disposing it; do not
/// dispose the commands it hands out.
/// </summary>
public sealed class SqliteSession : IAsyncDisposable
{
    // Enough for every fixed query and the list shapes in use; further ad-hoc shapes run unprepared-and-dropped.
    private const int MaxStatements = 64;

    private readonly SqliteDatabase _database;
    private readonly Dictionary<string, SqliteCommand> _statements = new(StringComparer.Ordinal);
    private readonly List<SqliteCommand> _oneOff = [];

    internal SqliteSession(SqliteDatabase database, SqliteConnection connection)
    {
        _database = database;
        Connection = connection;
    }

    public SqliteConnection Connection { get; }

    /// <summary>The prepared statement for <paramref name="sql"/> on this connection, with no parameters bound.</summary>
    public SqliteCommand Statement(string sql)
    {
        if (_statements.TryGetValue(sql, out var command))
        {
            command.Parameters.Clear();
            return command;
        }

        command = Connection.CreateCommand();
        command.CommandText = sql;
        if (_statements.Count < MaxStatements) _statements.Add(sql, command);
        else _oneOff.Add(command);
        return command;
    }

    public ValueTask DisposeAsync()
    {
        foreach (var command in _oneOff) command.Dispose();
        _oneOff.Clear();
        _database.Return(this);
        return ValueTask.CompletedTask;
    }

    internal void Close()
    {
        foreach (var command in _statements.Values) command.Dispose();
        _statements.Clear();
        Connection.Dispose();
    }
}
