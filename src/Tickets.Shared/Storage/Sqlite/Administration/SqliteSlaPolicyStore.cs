using System.Text.Json;
using Microsoft.Data.Sqlite;
using Tickets.Administration.Audit;
using Tickets.Common;
using Tickets.Sla.Policies;

namespace Tickets.Storage.Sqlite.Administration;

/// <summary>
/// SLA policies and calendars on SQLite (migration 12): the versions and calendars as JSON documents, a head row per policy
/// with its newest version; each write, its audit entries included, is one transaction.
/// </summary>
public sealed class SqliteSlaPolicyStore(SqliteDatabase database) : ISlaPolicyStore
{
    public async Task<IReadOnlyList<StoredSlaPolicy>> ListPoliciesAsync(CancellationToken cancellationToken)
    {
        await using var session = await database.ReadAsync(cancellationToken);
        var command = session.Statement("SELECT body, is_default, etag FROM sla_policies ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<StoredSlaPolicy>();
        while (await reader.ReadAsync(cancellationToken)) items.Add(Head(reader));
        return items;
    }

    public async Task<StoredSlaPolicy?> FindPolicyAsync(string id, CancellationToken cancellationToken)
    {
        await using var session = await database.ReadAsync(cancellationToken);
        var command = session.Statement("SELECT body, is_default, etag FROM sla_policies WHERE id = $id").With("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Head(reader) : null;
    }

    public async Task<SlaPolicyVersion?> FindVersionAsync(string id, int version, CancellationToken cancellationToken)
    {
        await using var session = await database.ReadAsync(cancellationToken);
        var command = session.Statement("SELECT body FROM sla_policy_versions WHERE policy_id = $id AND version = $version")
            .With("$id", id).With("$version", version);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Of<SlaPolicyVersion>(reader.GetString(0)) : null;
    }

    public async Task<bool> CreatePolicyAsync(SlaPolicyVersion first, bool isDefault, AuditEntry audit, CancellationToken cancellationToken)
    {
        try
        {
            return await database.WriteAsync(async (connection, transaction) =>
            {
                if (isDefault) await ClearDefaultAsync(connection, transaction, first.Id, cancellationToken);
                await using (var insert = connection.Command(
                    "INSERT INTO sla_policies (id, version, is_default, etag, body) VALUES ($id, $version, $default, $etag, $body)", transaction)
                    .With("$id", first.Id).With("$version", first.Version).With("$default", isDefault ? 1 : 0).With("$etag", NewETag()).With("$body", Json(first)))
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                await InsertVersionAsync(connection, transaction, first, cancellationToken);
                await SqliteAudit.AppendAsync(connection, transaction, audit, cancellationToken);
                return true;
            }, cancellationToken);
        }
        catch (SqliteException e) when (e.IsUniqueViolation())
        {
            return false;
        }
    }

    public async Task<StoredSlaPolicy?> SavePolicyAsync(SlaPolicyVersion next, bool isDefault, string expectedETag, AuditEntry audit, CancellationToken cancellationToken)
    {
        try
        {
            return await database.WriteAsync(async (connection, transaction) =>
            {
                var saved = await SaveHeadAsync(connection, transaction, new PolicyRevision(next, isDefault, expectedETag), cancellationToken);
                if (saved is null) return null;
                await SqliteAudit.AppendAsync(connection, transaction, audit, cancellationToken);
                return saved;
            }, cancellationToken);
        }
        catch (Exception e) when (e is StaleRevision || (e is SqliteException sqlite && sqlite.IsUniqueViolation()))
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<StoredCalendar>> ListCalendarsAsync(CancellationToken cancellationToken)
    {
        await using var session = await database.ReadAsync(cancellationToken);
        var command = session.Statement("SELECT body, etag, updated_at FROM calendars ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<StoredCalendar>();
        while (await reader.ReadAsync(cancellationToken)) items.Add(Calendar(reader));
        return items;
    }

    public async Task<StoredCalendar?> FindCalendarAsync(string id, CancellationToken cancellationToken)
    {
        await using var session = await database.ReadAsync(cancellationToken);
        var command = session.Statement("SELECT body, etag, updated_at FROM calendars WHERE id = $id").With("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Calendar(reader) : null;
    }

    public async Task<bool> CreateCalendarAsync(CalendarDefinition calendar, DateTimeOffset at, AuditEntry audit, CancellationToken cancellationToken)
    {
        try
        {
            return await database.WriteAsync(async (connection, transaction) =>
            {
                await using (var insert = connection.Command(
                    "INSERT INTO calendars (id, etag, updated_at, body) VALUES ($id, $etag, $at, $body)", transaction)
                    .With("$id", calendar.Id).With("$etag", NewETag()).With("$at", at.Ticks()).With("$body", Json(calendar)))
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                await SqliteAudit.AppendAsync(connection, transaction, audit, cancellationToken);
                return true;
            }, cancellationToken);
        }
        catch (SqliteException e) when (e.IsUniqueViolation())
        {
            return false;
        }
    }

    public async Task<StoredCalendar?> SaveCalendarAsync(
        CalendarDefinition calendar, DateTimeOffset at, string expectedETag, IReadOnlyList<PolicyRevision> revisions, IReadOnlyList<AuditEntry> audit,
        CancellationToken cancellationToken)
    {
        try
        {
            return await database.WriteAsync(async (connection, transaction) =>
            {
                var etag = NewETag();
                await using (var update = connection.Command(
                    "UPDATE calendars SET etag = $etag, updated_at = $at, body = $body WHERE id = $id AND etag = $expected", transaction)
                    .With("$id", calendar.Id).With("$etag", etag).With("$at", at.Ticks()).With("$body", Json(calendar)).With("$expected", expectedETag))
                {
                    if (await update.ExecuteNonQueryAsync(cancellationToken) == 0) return null;
                }

                foreach (var revision in revisions)
                {
                    // A policy changed meanwhile: undo the whole write (the caller reads again).
                    if (await SaveHeadAsync(connection, transaction, revision, cancellationToken) is null) throw new StaleRevision();
                }

                foreach (var entry in audit) await SqliteAudit.AppendAsync(connection, transaction, entry, cancellationToken);
                return new StoredCalendar(calendar, etag, at);
            }, cancellationToken);
        }
        catch (Exception e) when (e is StaleRevision || (e is SqliteException sqlite && sqlite.IsUniqueViolation()))
        {
            return null;
        }
    }

    public Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await SqliteAudit.AppendAsync(connection, transaction, entry, cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>The head moved to <paramref name="revision"/>'s version and the version stored; null when the head's tag moved on.</summary>
    private static async Task<StoredSlaPolicy?> SaveHeadAsync(
        SqliteConnection connection, SqliteTransaction transaction, PolicyRevision revision, CancellationToken cancellationToken)
    {
        var next = revision.Next;
        if (revision.IsDefault) await ClearDefaultAsync(connection, transaction, next.Id, cancellationToken);
        var etag = NewETag();
        await using (var update = connection.Command(
            "UPDATE sla_policies SET version = $version, is_default = $default, etag = $etag, body = $body WHERE id = $id AND etag = $expected", transaction)
            .With("$id", next.Id).With("$version", next.Version).With("$default", revision.IsDefault ? 1 : 0).With("$etag", etag)
            .With("$body", Json(next)).With("$expected", revision.ExpectedETag))
        {
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                if (revision.IsDefault) throw new StaleRevision(); // undo the cleared default
                return null;
            }
        }

        await InsertVersionAsync(connection, transaction, next, cancellationToken);
        return new StoredSlaPolicy(next, revision.IsDefault, etag);
    }

    private static async Task ClearDefaultAsync(SqliteConnection connection, SqliteTransaction transaction, string newDefault, CancellationToken cancellationToken)
    {
        // Not a change of those policies' versions: only which one new tickets without a policy use.
        await using var clear = connection.Command("UPDATE sla_policies SET is_default = 0, etag = $etag WHERE is_default = 1 AND id <> $id", transaction)
            .With("$etag", NewETag()).With("$id", newDefault);
        await clear.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task InsertVersionAsync(SqliteConnection connection, SqliteTransaction transaction, SlaPolicyVersion version, CancellationToken cancellationToken)
    {
        await using var insert = connection.Command(
            "INSERT INTO sla_policy_versions (policy_id, version, body) VALUES ($id, $version, $body)", transaction)
            .With("$id", version.Id).With("$version", version.Version).With("$body", Json(version));
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static StoredSlaPolicy Head(SqliteDataReader reader) =>
        new(Of<SlaPolicyVersion>(reader.GetString(0)), reader.GetInt64(1) == 1, reader.GetString(2));

    private static StoredCalendar Calendar(SqliteDataReader reader) =>
        new(Of<CalendarDefinition>(reader.GetString(0)), reader.GetString(1), reader.GetInstant(2));

    private static string NewETag() => Guid.NewGuid().ToString("N");

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, Common.Json.Options);

    private static T Of<T>(string json) => JsonSerializer.Deserialize<T>(json, Common.Json.Options)!;

    /// <summary>Thrown inside a write to undo it whole.</summary>
    private sealed class StaleRevision : Exception
    {
        public StaleRevision()
            : base("A policy changed since it was read.")
        {
        }
    }
}
