using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tickets.Storage.Sqlite;

/// <summary>
/// The embedded store's file: opens pooled connections and brings the schema up to date at start.
/// Writes that must be atomic use <see cref="WriteAsync"/> (BEGIN IMMEDIATE: one writer at a time, no upgrade deadlocks).
/// </summary>
public sealed partial class SqliteDatabase(IOptions<SqliteOptions> options, ILogger<SqliteDatabase> logger) : IStoreInitializer
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(options.Value.Path),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        DefaultTimeout = 30,
        ForeignKeys = true,
    }.ToString();

    private readonly SemaphoreSlim _writer = new(1, 1);

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one immediate transaction and commits it. SQLite has one writer at a time;
    /// queueing this process's writers here (asynchronously) spares them the provider's busy-retry sleeps.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken = default)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var transaction = connection.BeginTransaction(deferred: false);
            var result = await work(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            _writer.Release();
        }
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(options.Value.Path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);

        await using var connection = await OpenAsync(cancellationToken);
        await using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";
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

    [LoggerMessage(Level = LogLevel.Information, Message = "SQLite schema migrated to version {Version} ({Name})")]
    private static partial void LogMigrated(ILogger logger, int version, string name);
}
