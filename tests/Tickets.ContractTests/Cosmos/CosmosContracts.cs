using Microsoft.Extensions.DependencyInjection;

namespace Tickets.ContractTests.Cosmos;

// Each contract runs twice for Cosmos: on @vercel/cosmosdb-server (CI) and on the emulator or an account when configured.

[CosmosDbServerEndpoint]
public sealed class CosmosDbServerUserStoreContract : UserStoreContract
{
    private string _database = "";

    protected override IReadOnlyDictionary<string, string?> StoreSettings(string uniqueName) =>
        CosmosTestStore.Settings(CosmosDbServerEndpointAttribute.ConnectionString, _database = uniqueName);

    protected override void ConfigureServices(IServiceCollection services) => CosmosTestStore.UseCosmosDbServer(services);

    protected override Task DropStoreAsync() => CosmosTestStore.DropAsync(Services, _database);
}

[CosmosDbServerEndpoint]
public sealed class CosmosDbServerRefreshTokenStoreContract : RefreshTokenStoreContract
{
    private string _database = "";

    protected override IReadOnlyDictionary<string, string?> StoreSettings(string uniqueName) =>
        CosmosTestStore.Settings(CosmosDbServerEndpointAttribute.ConnectionString, _database = uniqueName);

    protected override void ConfigureServices(IServiceCollection services) => CosmosTestStore.UseCosmosDbServer(services);

    protected override Task DropStoreAsync() => CosmosTestStore.DropAsync(Services, _database);
}

[CosmosDbServerEndpoint]
public sealed class CosmosDbServerLoginThrottleStoreContract : LoginThrottleStoreContract
{
    private string _database = "";

    protected override IReadOnlyDictionary<string, string?> StoreSettings(string uniqueName) =>
        CosmosTestStore.Settings(CosmosDbServerEndpointAttribute.ConnectionString, _database = uniqueName);

    protected override void ConfigureServices(IServiceCollection services) => CosmosTestStore.UseCosmosDbServer(services);

    protected override Task DropStoreAsync() => CosmosTestStore.DropAsync(Services, _database);
}

[CosmosDbServerEndpoint]
public sealed class CosmosDbServerTicketStoreContract : TicketStoreContract
{
    private string _database = "";

    protected override IReadOnlyDictionary<string, string?> StoreSettings(string uniqueName) =>
        CosmosTestStore.Settings(CosmosDbServerEndpointAttribute.ConnectionString, _database = uniqueName);

    protected override void ConfigureServices(IServiceCollection services) => CosmosTestStore.UseCosmosDbServer(services);

    protected override Task DropStoreAsync() => CosmosTestStore.DropAsync(Services, _database);
}

[CosmosDbServerEndpoint]
public sealed class CosmosDbServerIdempotencyStoreContract : IdempotencyStoreContract
{
    private string _database = "";

    protected override IReadOnlyDictionary<string, string?> StoreSettings(string uniqueName) =>
        CosmosTestStore.Settings(CosmosDbServerEndpointAttribute.ConnectionString, _database = uniqueName);

    protected override void ConfigureServices(IServiceCollection services) => CosmosTestStore.UseCosmosDbServer(services);

    protected override Task DropStoreAsync() => CosmosTestStore.DropAsync(Services, _database);
}

[CosmosAccountEndpoint]
public sealed class CosmosAccountUserStoreContract : UserStoreContract
{
    private string _database = "";

    protected override IReadOnlyDictionary<string, string?> StoreSettings(string uniqueName) =>
        CosmosTestStore.Settings(CosmosAccountEndpointAttribute.ConnectionString!, _database = uniqueName);

    protected override void ConfigureServices(IServiceCollection services) => CosmosTestStore.UseAccount(services);

    protected override Task DropStoreAsync() => CosmosTestStore.DropAsync(Services, _database);
}

[CosmosAccountEndpoint]
public sealed class CosmosAccountRefreshTokenStoreContract : RefreshTokenStoreContract
{
    private string _database = "";

    protected override IReadOnlyDictionary<string, string?> StoreSettings(string uniqueName) =>
        CosmosTestStore.Settings(CosmosAccountEndpointAttribute.ConnectionString!, _database = uniqueName);

    protected override void ConfigureServices(IServiceCollection services) => CosmosTestStore.UseAccount(services);

    protected override Task DropStoreAsync() => CosmosTestStore.DropAsync(Services, _database);
}

[CosmosAccountEndpoint]
public sealed class CosmosAccountLoginThrottleStoreContract : LoginThrottleStoreContract
{
    private string _database = "";

    protected override IReadOnlyDictionary<string, string?> StoreSettings(string uniqueName) =>
        CosmosTestStore.Settings(CosmosAccountEndpointAttribute.ConnectionString!, _database = uniqueName);

    protected override void ConfigureServices(IServiceCollection services) => CosmosTestStore.UseAccount(services);

    protected override Task DropStoreAsync() => CosmosTestStore.DropAsync(Services, _database);
}

[CosmosAccountEndpoint]
public sealed class CosmosAccountTicketStoreContract : TicketStoreContract
{
    private string _database = "";

    protected override IReadOnlyDictionary<string, string?> StoreSettings(string uniqueName) =>
        CosmosTestStore.Settings(CosmosAccountEndpointAttribute.ConnectionString!, _database = uniqueName);

    protected override void ConfigureServices(IServiceCollection services) => CosmosTestStore.UseAccount(services);

    protected override Task DropStoreAsync() => CosmosTestStore.DropAsync(Services, _database);
}

[CosmosAccountEndpoint]
public sealed class CosmosAccountIdempotencyStoreContract : IdempotencyStoreContract
{
    private string _database = "";

    protected override IReadOnlyDictionary<string, string?> StoreSettings(string uniqueName) =>
        CosmosTestStore.Settings(CosmosAccountEndpointAttribute.ConnectionString!, _database = uniqueName);

    protected override void ConfigureServices(IServiceCollection services) => CosmosTestStore.UseAccount(services);

    protected override Task DropStoreAsync() => CosmosTestStore.DropAsync(Services, _database);
}
