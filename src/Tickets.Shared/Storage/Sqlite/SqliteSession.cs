using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Tickets.Storage.Sqlite;

/// <summary>
/// An open connection kept by <see cref="SqliteDatabase"/>: a reader lent by <see cref="SqliteDatabase.ReadAsync"/>, or the
/// one writer. Its per-connection settings were applied once when it was opened, and the statements run on it stay
/// prepared for the next use: <see cref="Statement"/> hands them out, and so does
/// <see cref="SqliteExtensions.Command"/> for a connection that belongs to a session (every write runs on the writer's).
/// Give a reader back by disposing it. A command it handed out stays prepared when its user disposes it (its reader's
/// disposal resets it); the session disposes its commands when it closes.
/// </summary>
public sealed class SqliteSession : IAsyncDisposable
{
    // Enough for every fixed query and the list shapes in use; further ad-hoc shapes run unprepared-and-dropped.
    private const int MaxStatements = 64;

    private static readonly ConditionalWeakTable<SqliteConnection, SqliteSession> Sessions = [];

    private readonly SqliteDatabase _database;
    private readonly Dictionary<string, KeptCommand> _statements = new(StringComparer.Ordinal);
    private readonly List<SqliteCommand> _oneOff = [];

    internal SqliteSession(SqliteDatabase database, SqliteConnection connection)
    {
        _database = database;
        Connection = connection;
        Sessions.AddOrUpdate(connection, this);
    }

    public SqliteConnection Connection { get; }

    /// <summary>The session <paramref name="connection"/> belongs to, if it is one of the kept connections.</summary>
    internal static SqliteSession? Of(SqliteConnection connection) => Sessions.TryGetValue(connection, out var session) ? session : null;

    /// <summary>The prepared statement for <paramref name="sql"/> on this connection, with no parameters bound.</summary>
    public SqliteCommand Statement(string sql) => Kept(sql) ?? OneOff(sql);

    /// <summary>The kept statement for <paramref name="sql"/>, or null when the session keeps no more shapes.</summary>
    internal SqliteCommand? Kept(string sql)
    {
        if (_statements.TryGetValue(sql, out var command))
        {
            command.Parameters.Clear();
            command.Transaction = null;
            return command;
        }

        if (_statements.Count >= MaxStatements) return null;
        command = new KeptCommand(sql, Connection);
        _statements.Add(sql, command);
        return command;
    }

    private SqliteCommand OneOff(string sql)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        _oneOff.Add(command);
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
        foreach (var command in _statements.Values) command.Release();
        _statements.Clear();
        Sessions.Remove(Connection);
        Connection.Dispose();
    }

    /// <summary>A statement the session keeps prepared: its users' <c>using</c> leaves it prepared; the session alone disposes it.</summary>
    private sealed class KeptCommand : SqliteCommand
    {
        private bool _released;

        public KeptCommand(string sql, SqliteConnection connection) : base(sql, connection)
        {
        }

        public void Release()
        {
            _released = true;
            Dispose();
        }

        protected override void Dispose(bool disposing)
        {
            if (_released || !disposing) base.Dispose(disposing);
        }
    }
}
