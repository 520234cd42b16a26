namespace Tickets.Storage.Sqlite;

/// <summary>Forward-only migrations; each runs once, in its own transaction.</summary>
internal static class SqliteSchema
{
    public sealed record Migration(int Version, string Name, string Sql);

    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "identity", """
            CREATE TABLE users (
                id TEXT PRIMARY KEY,
                email TEXT NOT NULL UNIQUE,
                dni TEXT NOT NULL UNIQUE,
                phone TEXT NOT NULL,
                first_names TEXT NOT NULL,
                last_names TEXT NOT NULL,
                department TEXT NOT NULL,
                role TEXT NOT NULL,
                active INTEGER NOT NULL,
                password_hash TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                last_login_at INTEGER NULL,
                version INTEGER NOT NULL,
                sort_name TEXT NOT NULL,
                search_text TEXT NOT NULL
            );
            CREATE INDEX ix_users_sort ON users (sort_name, id);
            CREATE INDEX ix_users_role_active ON users (role, active, sort_name, id);
            CREATE INDEX ix_users_department ON users (department COLLATE NOCASE, sort_name, id);

            CREATE TABLE refresh_tokens (
                token_hash TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users (id),
                family_id TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                spent_at INTEGER NULL,
                revoked_at INTEGER NULL
            );
            CREATE INDEX ix_refresh_tokens_user ON refresh_tokens (user_id);
            CREATE INDEX ix_refresh_tokens_family ON refresh_tokens (family_id);

            CREATE TABLE login_failures (
                email TEXT NOT NULL,
                at INTEGER NOT NULL
            );
            CREATE INDEX ix_login_failures ON login_failures (email, at)
            """),
    ];
}
