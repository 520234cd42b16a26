using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Tickets.Administration.Audit;
using Tickets.Common;
using Tickets.Users;

namespace Tickets.Storage.Sqlite;

public sealed class SqliteUserStore(SqliteDatabase database) : IUserStore
{
    private const string Columns =
        "id, email, dni, phone, first_names, last_names, department, role, active, password_hash, created_at, updated_at, last_login_at, version, sort_name, " +
        "security_stamp, ended_sessions, sign_in_addresses, language, email_notifications, invitation_pending, time_zone, " +
        "notification_mode, digest_hour, quiet_from, quiet_to";

    private const int VersionColumn = 13;

    /// <summary>Accounts built from their rows, by id, each reused while its row's version is the one it was read at.</summary>
    private readonly BuiltRows<long, User> _built = new(user => user.Version);

    /// <summary>
    /// Every signed-in request reads its caller here, so a deactivation, role or stamp change, or a logout applies on the
    /// next one, whichever process made it: a prepared point read of the row, every time. A row whose version is the one
    /// last built for its id is that same immutable account (every update raises the version), so its columns are not
    /// decoded again; a changed row always is.
    /// </summary>
    public async Task<User?> FindByIdAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var session = await database.ReadAsync(cancellationToken);
        var command = session.Statement($"SELECT {Columns} FROM users WHERE id = $key").With("$key", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? _built.Get(id, reader.GetInt64(VersionColumn), reader, Read) : null;
    }

    public async Task<User?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindAsync(connection, null, "email = $key", normalizedEmail, cancellationToken);
    }

    public async Task<User?> FindByDniAsync(string dni, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindAsync(connection, null, "dni = $key", dni, cancellationToken);
    }

    public async Task<UserWrite> CreateAsync(User user, AuditEntry? audit = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await database.WriteAsync(async (connection, transaction) =>
            {
                if (await ExistsAsync(connection, transaction, "email", user.Email, cancellationToken)) return UserWrite.DuplicateEmail;
                if (await ExistsAsync(connection, transaction, "dni", user.Dni, cancellationToken)) return UserWrite.DuplicateDni;

                await using var insert = connection.Command($"""
                    INSERT INTO users ({Columns}, search_text)
                    VALUES ($id, $email, $dni, $phone, $first, $last, $department, $role, $active, $hash, $created, $updated, $login, 1, $sort,
                        $stamp, $ended, $addresses, $language, $emailNotifications, $invitationPending, $timeZone,
                        $notificationMode, $digestHour, $quietFrom, $quietTo, $search)
                    """, transaction);
                Bind(insert, user);
                await insert.ExecuteNonQueryAsync(cancellationToken);
                if (audit is not null) await SqliteAudit.AppendAsync(connection, transaction, audit, cancellationToken);
                return UserWrite.Done;
            }, cancellationToken);
        }
        catch (SqliteException e) when (e.IsUniqueViolation())
        {
            // Another writer won between our check and insert on a different connection pool; report which key.
            return e.Message.Contains("users.dni", StringComparison.Ordinal) ? UserWrite.DuplicateDni : UserWrite.DuplicateEmail;
        }
    }

    public Task<UserWrite> UpdateAsync(User user, IReadOnlyList<AuditEntry>? audit = null, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var stored = await FindAsync(connection, transaction, "id = $key", user.Id, cancellationToken);
            if (stored is null) return UserWrite.NotFound;
            if (stored.Version != user.Version) return UserWrite.VersionConflict;

            if (stored.IsActiveAdmin && !user.IsActiveAdmin)
            {
                await using var others = connection.Command(
                    "SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = 1 AND id <> $id", transaction).With("$id", user.Id);
                if (Convert.ToInt64(await others.ExecuteScalarAsync(cancellationToken)) == 0) return UserWrite.LastActiveAdmin;
            }

            await using var update = connection.Command("""
                UPDATE users SET phone = $phone, first_names = $first, last_names = $last, department = $department, role = $role,
                    active = $active, password_hash = $hash, updated_at = $updated, last_login_at = $login, version = version + 1,
                    sort_name = $sort, search_text = $search, security_stamp = $stamp, ended_sessions = $ended, sign_in_addresses = $addresses,
                    language = $language, email_notifications = $emailNotifications, invitation_pending = $invitationPending, time_zone = $timeZone,
                    notification_mode = $notificationMode, digest_hour = $digestHour, quiet_from = $quietFrom, quiet_to = $quietTo
                WHERE id = $id AND version = $version
                """, transaction);
            Bind(update, user);
            update.With("$version", user.Version);
            if (await update.ExecuteNonQueryAsync(cancellationToken) != 1) return UserWrite.VersionConflict;
            foreach (var entry in audit ?? []) await SqliteAudit.AppendAsync(connection, transaction, entry, cancellationToken);
            return UserWrite.Done;
        }, cancellationToken);

    public async Task<Page<User>> ListAsync(UserQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var where = new StringBuilder("1 = 1");
        await using var command = connection.Command("");

        if (query.Roles.Count > 0)
        {
            var names = query.Roles.Select((role, i) => (Name: $"$role{i}", Value: Json.EnumName(role))).ToList();
            where.Append($" AND role IN ({string.Join(", ", names.Select(n => n.Name))})");
            foreach (var (name, value) in names) command.With(name, value);
        }

        if (query.Active is { } active)
        {
            where.Append(" AND active = $active");
            command.With("$active", active ? 1 : 0);
        }

        if (query.Department is { } department)
        {
            where.Append(" AND department = $department COLLATE NOCASE");
            command.With("$department", department);
        }

        if (query.Search is { } search)
        {
            where.Append(" AND search_text LIKE $search ESCAPE '\\'");
            command.With("$search", SqliteExtensions.Contains(Text.Fold(search)));
        }

        long? total = null;
        if (query.Page.IncludeTotal)
        {
            command.CommandText = $"SELECT COUNT(*) FROM users WHERE {where}";
            total = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
        }

        if (query.Page.Cursor is not null && Cursor.TryDecode(query.Page.Cursor, 2, out var key))
        {
            where.Append(" AND (sort_name, id) > ($afterSort, $afterId)");
            command.With("$afterSort", key[0]).With("$afterId", key[1]);
        }

        command.CommandText = $"SELECT {Columns} FROM users WHERE {where} ORDER BY sort_name, id LIMIT $take";
        command.With("$take", query.Page.Take);

        var items = new List<User>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) items.Add(Read(reader));
        }

        return Page.OfOneExtra(items, query.Page, u => u.ListKey(), total);
    }

    public async Task<bool> AnyActiveAdminAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT EXISTS (SELECT 1 FROM users WHERE role = 'admin' AND active = 1)");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken)) == 1;
    }

    public async Task<IReadOnlyList<User>> ListActiveByRoleAsync(IReadOnlyList<Role> roles, CancellationToken cancellationToken = default)
    {
        // Read on every ticket change that tells the admins: a prepared statement on a kept-open connection.
        await using var session = await database.ReadAsync(cancellationToken);
        var names = roles.Select((_, i) => $"$r{i}").ToList();
        var command = session.Statement($"SELECT {Columns} FROM users WHERE active = 1 AND role IN ({string.Join(", ", names)}) ORDER BY sort_name, id");
        for (var i = 0; i < roles.Count; i++) command.With(names[i], Json.EnumName(roles[i]));
        var result = new List<User>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) result.Add(Read(reader));
        return result;
    }

    private static async Task<User?> FindAsync(SqliteConnection connection, SqliteTransaction? transaction, string predicate, string key, CancellationToken cancellationToken)
    {
        await using var command = connection.Command($"SELECT {Columns} FROM users WHERE {predicate}", transaction).With("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static async Task<bool> ExistsAsync(SqliteConnection connection, SqliteTransaction transaction, string column, string value, CancellationToken cancellationToken)
    {
        await using var command = connection.Command($"SELECT EXISTS (SELECT 1 FROM users WHERE {column} = $value)", transaction).With("$value", value);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken)) == 1;
    }

    private static void Bind(SqliteCommand command, User user) => command
        .With("$id", user.Id)
        .With("$email", user.Email)
        .With("$dni", user.Dni)
        .With("$phone", user.Phone)
        .With("$first", user.FirstNames)
        .With("$last", user.LastNames)
        .With("$department", user.Department)
        .With("$role", Json.EnumName(user.Role))
        .With("$active", user.Active ? 1 : 0)
        .With("$hash", user.PasswordHash)
        .With("$created", user.CreatedAt.Ticks())
        .With("$updated", user.UpdatedAt.Ticks())
        .With("$login", user.LastLoginAt.Ticks())
        .With("$sort", user.SortKey)
        .With("$search", user.SearchText)
        .With("$language", user.Language)
        .With("$emailNotifications", user.EmailNotifications ? 1 : 0)
        .With("$invitationPending", user.InvitationPending ? 1 : 0)
        .With("$timeZone", user.TimeZone)
        .With("$notificationMode", Json.EnumName(user.NotificationMode))
        .With("$digestHour", user.DigestHour)
        .With("$quietFrom", user.QuietHours is { } quiet ? QuietHours.Write(quiet.From) : null)
        .With("$quietTo", user.QuietHours is { } q ? QuietHours.Write(q.To) : null)
        .With("$stamp", user.SecurityStamp)
        .With("$ended", JsonSerializer.Serialize(user.EndedSessions, Json.Options))
        .With("$addresses", JsonSerializer.Serialize(user.SignInAddresses, Json.Options));

    private static User Read(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Email = reader.GetString(1),
        Dni = reader.GetString(2),
        Phone = reader.GetString(3),
        FirstNames = reader.GetString(4),
        LastNames = reader.GetString(5),
        Department = reader.GetString(6),
        Role = Json.TryParseEnum<Role>(reader.GetString(7), out var role) ? role : throw new InvalidDataException($"Unknown role '{reader.GetString(7)}'."),
        Active = reader.GetInt64(8) == 1,
        PasswordHash = reader.GetString(9),
        CreatedAt = reader.GetInstant(10),
        UpdatedAt = reader.GetInstant(11),
        LastLoginAt = reader.GetInstantOrNull(12),
        Version = reader.GetInt64(VersionColumn),
        SecurityStamp = reader.GetString(15),
        EndedSessions = ListOf<EndedSession>(reader.GetString(16)),
        SignInAddresses = ListOf<string>(reader.GetString(17)),
        Language = reader.GetString(18),
        EmailNotifications = reader.GetInt64(19) == 1,
        InvitationPending = reader.GetInt64(20) == 1,
        TimeZone = reader.IsDBNull(21) ? null : reader.GetString(21),
        NotificationMode = Json.TryParseEnum<NotificationMode>(reader.GetString(22), out var mode) ? mode : NotificationMode.Instant,
        DigestHour = (int)reader.GetInt64(23),
        QuietHours = QuietHours.Read(reader.IsDBNull(24) ? null : reader.GetString(24), reader.IsDBNull(25) ? null : reader.GetString(25)),
    };

    /// <summary>An empty list is the shared empty one, so users compare equal whether read or freshly built.</summary>
    private static IReadOnlyList<T> ListOf<T>(string json) =>
        JsonSerializer.Deserialize<List<T>>(json, Json.Options) is { Count: > 0 } list ? list : Array.Empty<T>();
}
