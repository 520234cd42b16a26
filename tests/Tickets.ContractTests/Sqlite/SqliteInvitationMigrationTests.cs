using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tickets.Storage.Sqlite;

namespace Tickets.ContractTests.Sqlite;

/// <summary>
/// Migration 15 marks the accounts invited before <c>invitation_pending</c> existed whose owner plainly has not chosen a
/// password: the log shows the invitation, nobody ever signed in with the account and none of its links was used.
/// </summary>
public sealed class SqliteInvitationMigrationTests : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "tickets-tests", $"invitation-migration-{Guid.NewGuid():N}.db");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(_path)!, Path.GetFileName(_path) + "*")) File.Delete(file);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task OnlyInvitedAccountsNeverUsedAndWithNoUsedLinkArePending()
    {
        var database = new SqliteDatabase(Options.Create(new SqliteOptions { Path = _path }), NullLogger<SqliteDatabase>.Instance);
        await using (var connection = await database.OpenAsync())
        {
            await Execute(connection, "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
            foreach (var migration in SqliteSchema.Migrations.Where(m => m.Version < 15))
            {
                await Execute(connection, migration.Sql);
                await Execute(connection, $"INSERT INTO schema_migrations (version, applied_at) VALUES ({migration.Version}, '2026-01-01')");
            }

            await User(connection, "waiting", invited: true, signedIn: false);
            await User(connection, "signed-in", invited: true, signedIn: true);
            await User(connection, "used-link", invited: true, signedIn: false);
            await Execute(connection, """
                INSERT INTO password_tokens (token_hash, user_id, purpose, created_at, expires_at, used_at, security_stamp)
                VALUES ('hash', 'used-link', 'invitation', 1, 2, 1, 'stamp')
                """);
            await User(connection, "registered", invited: false, signedIn: false);
        }

        await database.InitializeAsync(CancellationToken.None);

        var users = new SqliteUserStore(database);
        Assert.True((await users.FindByIdAsync("waiting"))!.InvitationPending);
        Assert.False((await users.FindByIdAsync("signed-in"))!.InvitationPending);
        Assert.False((await users.FindByIdAsync("used-link"))!.InvitationPending);
        Assert.False((await users.FindByIdAsync("registered"))!.InvitationPending);
    }

    private static async Task User(SqliteConnection connection, string id, bool invited, bool signedIn)
    {
        await Execute(connection, $"""
            INSERT INTO users (id, email, dni, phone, first_names, last_names, department, role, active, password_hash, created_at,
                updated_at, last_login_at, version, sort_name, search_text, security_stamp, ended_sessions, sign_in_addresses, language,
                email_notifications)
            VALUES ('{id}', '{id}@example.org', '{id}', '600000000', 'Ana', 'Pérez', 'IT', 'user', 1, 'hash', 1, 1,
                {(signedIn ? "5" : "NULL")}, 1, 'perez ana', '', 'stamp', '[]', '[]', 'es', 1)
            """);
        if (invited)
            await Execute(connection, $"""
                INSERT INTO audit_entries (id, at, actor_id, actor_name, action, target_type, target_id, target_name, before, after)
                VALUES ('audit-{id}', 1, 'admin', 'Ana Admin', 'user.invited', 'user', '{id}', 'Ana Pérez', NULL, '{"{}"}')
                """);
    }

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
