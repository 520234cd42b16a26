using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Tickets.Administration.Audit;
using Tickets.Administration.Teams;
using Tickets.Common;

namespace Tickets.Storage.Sqlite.Administration;

/// <summary>Teams as JSON documents with an ETag; each change and its audit entry in one transaction; turns in <c>team_turns</c>.</summary>
public sealed class SqliteTeamStore(SqliteDatabase database) : ITeamStore
{
    public async Task<IReadOnlyList<Team>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT doc, etag FROM teams");
        var teams = new List<Team>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) teams.Add(Read(reader));
        return [.. teams.OrderBy(t => t.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(t => t.Id, StringComparer.Ordinal)];
    }

    public async Task<Team?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT doc, etag FROM teams WHERE id = $id").With("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public Task<Team> CreateAsync(Team team, AuditEntry audit, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var stored = team with { ETag = NewETag() };
            await using var insert = connection.Command("INSERT INTO teams (id, etag, doc) VALUES ($id, $etag, $doc)", transaction);
            await Bind(insert, stored).ExecuteNonQueryAsync(cancellationToken);
            await SqliteAudit.AppendAsync(connection, transaction, audit, cancellationToken);
            return stored;
        }, cancellationToken);

    public Task<Team?> SaveAsync(Team team, string expectedETag, AuditEntry audit, CancellationToken cancellationToken = default) =>
        database.WriteAsync<Team?>(async (connection, transaction) =>
        {
            var stored = team with { ETag = NewETag() };
            await using var update = connection.Command("UPDATE teams SET etag = $etag, doc = $doc WHERE id = $id AND etag = $expected", transaction);
            if (await Bind(update, stored).With("$expected", expectedETag).ExecuteNonQueryAsync(cancellationToken) != 1) return null;
            await SqliteAudit.AppendAsync(connection, transaction, audit, cancellationToken);
            return stored;
        }, cancellationToken);

    public Task<bool> DeleteAsync(string id, string expectedETag, AuditEntry audit, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await using var delete = connection.Command("DELETE FROM teams WHERE id = $id AND etag = $expected", transaction)
                .With("$id", id).With("$expected", expectedETag);
            if (await delete.ExecuteNonQueryAsync(cancellationToken) != 1) return false;
            await using var turns = connection.Command("DELETE FROM team_turns WHERE team_id = $id", transaction).With("$id", id);
            await turns.ExecuteNonQueryAsync(cancellationToken);
            await SqliteAudit.AppendAsync(connection, transaction, audit, cancellationToken);
            return true;
        }, cancellationToken);

    public Task<long> NextTurnAsync(string teamId, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = connection.Command("""
                INSERT INTO team_turns (team_id, value) VALUES ($team, 1)
                ON CONFLICT (team_id) DO UPDATE SET value = value + 1
                RETURNING value
                """, transaction).With("$team", teamId);
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }, cancellationToken);

    private static SqliteCommand Bind(SqliteCommand command, Team team) =>
        command.With("$id", team.Id).With("$etag", team.ETag).With("$doc", JsonSerializer.Serialize(team, Json.Options));

    private static Team Read(SqliteDataReader reader) =>
        JsonSerializer.Deserialize<Team>(reader.GetString(0), Json.Options)! with { ETag = reader.GetString(1) };

    private static string NewETag() => Guid.NewGuid().ToString("N");
}
