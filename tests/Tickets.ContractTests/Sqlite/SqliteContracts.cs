namespace Tickets.ContractTests.Sqlite;

public sealed class SqliteUserStoreContract : UserStoreContract
{
    protected override IReadOnlyDictionary<string, string?> StoreSettings(string uniqueName) => SqliteStore.Settings(uniqueName);

    protected override Task CleanUpAsync(string uniqueName) => SqliteStore.CleanUpAsync(uniqueName);
}

public sealed class SqliteRefreshTokenStoreContract : RefreshTokenStoreContract
{
    protected override IReadOnlyDictionary<string, string?> StoreSettings(string uniqueName) => SqliteStore.Settings(uniqueName);

    protected override Task CleanUpAsync(string uniqueName) => SqliteStore.CleanUpAsync(uniqueName);
}

public sealed class SqliteLoginThrottleStoreContract : LoginThrottleStoreContract
{
    protected override IReadOnlyDictionary<string, string?> StoreSettings(string uniqueName) => SqliteStore.Settings(uniqueName);

    protected override Task CleanUpAsync(string uniqueName) => SqliteStore.CleanUpAsync(uniqueName);
}

public sealed class SqliteTicketStoreContract : TicketStoreContract
{
    protected override IReadOnlyDictionary<string, string?> StoreSettings(string uniqueName) => SqliteStore.Settings(uniqueName);

    protected override Task CleanUpAsync(string uniqueName) => SqliteStore.CleanUpAsync(uniqueName);
}

public sealed class SqliteIdempotencyStoreContract : IdempotencyStoreContract
{
    protected override IReadOnlyDictionary<string, string?> StoreSettings(string uniqueName) => SqliteStore.Settings(uniqueName);

    protected override Task CleanUpAsync(string uniqueName) => SqliteStore.CleanUpAsync(uniqueName);
}
