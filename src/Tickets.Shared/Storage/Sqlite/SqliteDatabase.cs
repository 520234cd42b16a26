using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SQLitePCL;

namespace Tickets.Storage.Sqlite;

/// <summary>
/// The embedded store's file: pooled connections, the schema brought up to date at start, and the one writer.
/// <list type="bullet">
/// <item>Hot reads use <see cref="ReadAsync"/>: connections kept open with their settings applied once and their statements
/// prepared once (no per-request open, PRAGMA or statement compilation).</item>
/// <item>Writes that must be atomic use <see cref="WriteAsync"/>. SQLite has one writer at a time, and with
/// <c>synchronous=FULL</c> every commit waits for the disk; so writers queue here and one loop commits them in groups
/// (group commit): each write runs in its own savepoint inside one <c>BEGIN IMMEDIATE</c> transaction, a failing write is
/// rolled back to its savepoint alone, and every caller gets its answer only after the commit that made its write durable.
/// One disk flush then covers every write that arrived while the previous one was flushing.</item>
/// </list>
/// </summary>
public sealed partial class SqliteDatabase(IOptions<SqliteOptions> options, ILogger<SqliteDatabase> logger) : IStoreInitializer, IAsyncDisposable, IDisposable
{
    /// <summary>How many queued writes one commit may carry; bounds how long the first of them waits for the rest.</summary>
    private const int MaxGroup = 64;

    /// <summary>Idle read connections kept open; more are opened under load and closed when returned beyond this.</summary>
    private const int MaxIdleReaders = 16;

    // Per connection, applied once when it opens. FULL: a commit is on disk before any caller hears "done" (NORMAL in WAL
    // mode may lose the last commits on power loss, which would break "nothing acknowledged is lost"); group commit is
    // how writes stay fast despite it. The cache keeps a large store's index pages close. No memory map: SQLite unmaps
    // the whole file at the start of every read transaction after any commit, so under writes each read paid an munmap
    // (a TLB flush on every core), a new mapping and its page faults; turning it off halved a create's CPU in the bench,
    // and reads measured the same or faster (bench/README.md).
    private const string ConnectionSettings =
        "PRAGMA synchronous = FULL; PRAGMA cache_size = -16384; PRAGMA mmap_size = 0; PRAGMA temp_store = MEMORY;";

    /// <summary>SQLITE_DBCONFIG_ENABLE_QPSG.</summary>
    private const int EnableQueryPlannerStabilityGuarantee = 1007;

    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(options.Value.Path),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        DefaultTimeout = 30,
        ForeignKeys = true,
    }.ToString();

    private readonly ConcurrentQueue<SqliteSession> _idleReaders = new();
    private readonly Channel<PendingWrite> _writes = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _start = new();
    private Task? _committer;
    private bool _disposed;

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>Lends an open connection with prepared statements; dispose the session to give it back.</summary>
    public async ValueTask<SqliteSession> ReadAsync(CancellationToken cancellationToken = default) =>
        _idleReaders.TryDequeue(out var session) ? session : await OpenSessionAsync(cancellationToken);

    internal void Return(SqliteSession session)
    {
        if (!_disposed && _idleReaders.Count < MaxIdleReaders && session.Connection.State == System.Data.ConnectionState.Open)
            _idleReaders.Enqueue(session);
        else
            session.Close();
    }

    /// <summary>
    /// Runs <paramref name="work"/> atomically (its own savepoint in a group commit) and returns its result once the
    /// commit that holds it is durable. If the work throws, only its own changes are rolled back and the exception is
    /// the caller's; if the commit fails, every write of the group fails and none is reported done.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        EnsureCommitter();
        var pending = new PendingWrite<T>(work, cancellationToken);
        if (!_writes.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(SqliteDatabase));
        return pending.Completion.Task;
    }

    private void EnsureCommitter()
    {
        if (_committer is not null) return;
        // Its own thread, not the thread pool: under load the pool's queue would sit between every commit and the next.
        lock (_start) _committer ??= Task.Factory.StartNew(CommitLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>
    /// The one writer: takes whatever writes are queued, commits them as one group, repeats. SQLite calls complete
    /// synchronously, so this thread blocks instead of hopping between pool threads; callers resume on the pool.
    /// </summary>
    private void CommitLoop()
    {
        SqliteSession? writer = null;
        var group = new List<PendingWrite>(MaxGroup);
        try
        {
            while (_writes.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                group.Clear();
                while (group.Count < MaxGroup && _writes.Reader.TryRead(out var pending))
                {
                    if (pending.CancellationToken.IsCancellationRequested) pending.Fail(new OperationCanceledException(pending.CancellationToken));
                    else group.Add(pending);
                }

                if (group.Count == 0) continue;
                try
                {
                    writer ??= OpenSessionAsync(CancellationToken.None).GetAwaiter().GetResult();
                }
                catch (Exception e)
                {
                    foreach (var pending in group) pending.Fail(e);
                    continue;
                }

                CommitAsync(writer, group).GetAwaiter().GetResult();
            }
        }
        finally
        {
            writer?.Close();
        }
    }

    private async Task CommitAsync(SqliteSession writer, List<PendingWrite> group)
    {
        var connection = writer.Connection;
        SqliteTransaction transaction;
        try
        {
            transaction = connection.BeginTransaction(deferred: false);
        }
        catch (Exception e)
        {
            foreach (var pending in group) pending.Fail(e);
            return;
        }

        // One savepoint name, reused: each write's savepoint is released before the next one opens, and the same three
        // statements stay prepared on the writer.
        void Run(string sql)
        {
            using var command = connection.Command(sql, transaction);
            command.ExecuteNonQuery();
        }

        await using (transaction)
        {
            foreach (var pending in group)
            {
                try
                {
                    Run("SAVEPOINT write");
                    await pending.RunAsync(connection, transaction);
                    Run("RELEASE write");
                }
                catch (Exception e)
                {
                    pending.Fail(e);
                    try
                    {
                        Run("ROLLBACK TO write");
                        Run("RELEASE write");
                    }
                    catch (Exception rollback)
                    {
                        // The transaction is unusable: nothing in it can be committed.
                        LogGroupAborted(logger, rollback, group.Count);
                        foreach (var other in group) other.Fail(rollback);
                        return;
                    }
                }
            }

            try
            {
                await transaction.CommitAsync();
            }
            catch (Exception e)
            {
                foreach (var pending in group) pending.Fail(e);
                return;
            }
        }

        foreach (var pending in group) pending.Succeed();
    }

    private async Task<SqliteSession> OpenSessionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using (var settings = connection.CreateCommand())
        {
            settings.CommandText = ConnectionSettings;
            await settings.ExecuteNonQueryAsync(cancellationToken);
        }

        // Plans never depend on the values bound. Without this SQLite reads some bound values while planning (a LIMIT, a
        // LIKE pattern) and compiles a kept statement again inside the step each time they are bound: once per list request.
        var rc = raw.sqlite3_db_config(connection.Handle, EnableQueryPlannerStabilityGuarantee, 1, out _);
        if (rc != raw.SQLITE_OK) throw new InvalidOperationException($"SQLite refused the query planner stability guarantee (error {rc}).");

        return new SqliteSession(this, connection);
    }

    /// <summary>Queued writes are still committed; then every connection is closed.</summary>
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        _writes.Writer.TryComplete();
        if (_committer is not null) await _committer;
        while (_idleReaders.TryDequeue(out var session)) session.Close();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private abstract class PendingWrite(CancellationToken cancellationToken)
    {
        public CancellationToken CancellationToken { get; } = cancellationToken;

        public abstract Task RunAsync(SqliteConnection connection, SqliteTransaction transaction);

        /// <summary>After the commit: hands the work's result to its caller.</summary>
        public abstract void Succeed();

        public abstract void Fail(Exception exception);
    }

    private sealed class PendingWrite<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
        : PendingWrite(cancellationToken)
    {
        private T _result = default!;
        private bool _failed;

        // Callers continue on the thread pool, never inline on the commit loop.
        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async Task RunAsync(SqliteConnection connection, SqliteTransaction transaction) =>
            _result = await work(connection, transaction);

        public override void Succeed()
        {
            if (!_failed) Completion.TrySetResult(_result);
        }

        public override void Fail(Exception exception)
        {
            _failed = true;
            if (exception is OperationCanceledException cancelled) Completion.TrySetCanceled(cancelled.CancellationToken);
            else Completion.TrySetException(exception);
        }
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(options.Value.Path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);

        await using var connection = await OpenAsync(cancellationToken);
        await using (var wal = connection.CreateCommand())
        {
            // WAL is a property of the file (set once); synchronous is per connection (ConnectionSettings).
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)";
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var migration in SqliteSchema.Migrations)
        {
            await using var transaction = connection.BeginTransaction(deferred: false);
            await using var check = connection.CreateCommand();
            check.Transaction = transaction;
            check.CommandText = "SELECT COUNT(*) FROM schema_migrations WHERE version = $v";
            check.Parameters.AddWithValue("$v", migration.Version);
            if (Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken)) > 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                continue;
            }

            await using var apply = connection.CreateCommand();
            apply.Transaction = transaction;
            apply.CommandText = migration.Sql + "; INSERT INTO schema_migrations (version, applied_at) VALUES ($v, $at);";
            apply.Parameters.AddWithValue("$v", migration.Version);
            apply.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O"));
            await apply.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            LogMigrated(logger, migration.Version, migration.Name);
        }
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken)) == 1;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "SQLite group commit of {Count} writes aborted: a savepoint could not be rolled back")]
    private static partial void LogGroupAborted(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "SQLite schema migrated to version {Version} ({Name})")]
    private static partial void LogMigrated(ILogger logger, int version, string name);
}
