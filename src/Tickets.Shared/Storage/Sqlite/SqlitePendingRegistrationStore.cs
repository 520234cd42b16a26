using Tickets.Identity;
using Tickets.Messaging;

namespace Tickets.Storage.Sqlite;

/// <summary>Registrations waiting for their link in <c>pending_registrations</c>; a registration and its outbox row commit together.</summary>
public sealed class SqlitePendingRegistrationStore(SqliteDatabase database) : IPendingRegistrationStore
{
    /// <summary>Expired registrations are kept this long (so a late click still reads "expired"), then removed as new ones come.</summary>
    private static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    private const string Columns =
        "token_hash, email, dni, phone, first_names, last_names, department, language, password_hash, created_at, expires_at, used_at, replaced_at, emailed_at";

    public Task AddAsync(PendingRegistration registration, OutboxMessage mail, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await using (var purge = connection.Command("DELETE FROM pending_registrations WHERE expires_at < $expired", transaction)
                .With("$expired", (registration.CreatedAt - Retention).Ticks()))
                await purge.ExecuteNonQueryAsync(cancellationToken);

            await using (var replace = connection.Command("""
                UPDATE pending_registrations SET replaced_at = $at WHERE email = $email AND used_at IS NULL AND replaced_at IS NULL
                """, transaction).With("$at", registration.CreatedAt.Ticks()).With("$email", registration.Email))
                await replace.ExecuteNonQueryAsync(cancellationToken);

            await using (var insert = connection.Command($"""
                INSERT INTO pending_registrations ({Columns})
                VALUES ($hash, $email, $dni, $phone, $first, $last, $department, $language, $password, $created, $expires, $used, $replaced, $emailed)
                """, transaction)
                .With("$hash", registration.TokenHash)
                .With("$email", registration.Email)
                .With("$dni", registration.Dni)
                .With("$phone", registration.Phone)
                .With("$first", registration.FirstNames)
                .With("$last", registration.LastNames)
                .With("$department", registration.Department)
                .With("$language", registration.Language)
                .With("$password", registration.PasswordHash)
                .With("$created", registration.CreatedAt.Ticks())
                .With("$expires", registration.ExpiresAt.Ticks())
                .With("$used", registration.UsedAt.Ticks())
                .With("$replaced", registration.ReplacedAt.Ticks())
                .With("$emailed", registration.EmailedAt.Ticks()))
                await insert.ExecuteNonQueryAsync(cancellationToken);

            await using var outbox = connection.Command(SqliteOutboxStore.Insert, transaction);
            return await SqliteOutboxStore.Bind(outbox, mail).ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public async Task<PendingRegistration?> FindAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {Columns} FROM pending_registrations WHERE token_hash = $hash").With("$hash", tokenHash);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new PendingRegistration(
            reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
            reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetInstant(9), reader.GetInstant(10),
            reader.GetInstantOrNull(11), reader.GetInstantOrNull(12), reader.GetInstantOrNull(13));
    }

    public Task<bool> TryUseAsync(string tokenHash, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = connection.Command(
                "UPDATE pending_registrations SET used_at = $at WHERE token_hash = $hash AND used_at IS NULL AND replaced_at IS NULL", transaction)
                .With("$at", at.Ticks())
                .With("$hash", tokenHash);
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);

    public Task MarkEmailedAsync(string tokenHash, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = connection.Command(
                "UPDATE pending_registrations SET emailed_at = $at WHERE token_hash = $hash AND emailed_at IS NULL", transaction)
                .With("$at", at.Ticks())
                .With("$hash", tokenHash);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
}
