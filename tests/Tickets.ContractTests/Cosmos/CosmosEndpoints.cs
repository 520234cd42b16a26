using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Tickets.CosmosDbServer;

namespace Tickets.ContractTests.Cosmos;

/// <summary>
/// @vercel/cosmosdb-server, started by <c>scripts/cosmos-test-server.sh</c>, with the shims of <c>Tickets.CosmosDbServer</c>
/// (transactional batches, reverse composite indexes, query plans): everything but expiry (TTL).
/// <c>TICKETS_COSMOS_TEST_ENDPOINT</c> names it; <c>TICKETS_COSMOS_TEST_KEY</c> is optional (any key works).
/// </summary>
public sealed class CosmosDbServerEndpointAttribute : StoreEndpointAttribute
{
    public const string EndpointVariable = "TICKETS_COSMOS_TEST_ENDPOINT";
    public const string KeyVariable = "TICKETS_COSMOS_TEST_KEY";

    public static string? Endpoint => Environment.GetEnvironmentVariable(EndpointVariable) is { Length: > 0 } value ? value : null;

    public static string ConnectionString => $"AccountEndpoint={Endpoint};AccountKey={Key};";

    private static string Key => Environment.GetEnvironmentVariable(KeyVariable) is { Length: > 0 } key ? key : Convert.ToBase64String(new byte[64]);

    public override string? SkipReason(StoreNeeds needs)
    {
        if (Endpoint is null)
            return $"Needs @vercel/cosmosdb-server: set {EndpointVariable} (printed by eval \"$(scripts/cosmos-test-server.sh start)\").";
        if (needs.HasFlag(StoreNeeds.TimeToLive))
            return $"Needs documents to expire (TTL), which cosmosdb-server at {Endpoint} ignores: runs against the emulator or an account when {CosmosAccountEndpointAttribute.ConnectionVariable} is set.";
        return null;
    }
}

/// <summary>The Cosmos DB emulator or a real account: every case. <c>TICKETS_COSMOS_CONNECTION</c> is its connection string.</summary>
public sealed class CosmosAccountEndpointAttribute : StoreEndpointAttribute
{
    public const string ConnectionVariable = "TICKETS_COSMOS_CONNECTION";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value ? value : null;

    public override string? SkipReason(StoreNeeds needs) => ConnectionString is null
        ? $"Needs the Cosmos DB emulator or an account: set {ConnectionVariable} to its connection string (AccountEndpoint=…;AccountKey=…)."
        : null;
}

/// <summary>Cosmos on @vercel/cosmosdb-server (CI): one database per test, created from CosmosModel, dropped after.</summary>
public sealed class CosmosDbServerStore : IStoreUnderTest
{
    public IReadOnlyDictionary<string, string?> Settings(string uniqueName) =>
        CosmosStoreSettings.For(CosmosDbServerEndpointAttribute.ConnectionString, uniqueName);

    public void ConfigureServices(IServiceCollection services) => services.AddCosmosDbServerCompatibility();

    public Task DropAsync(IServiceProvider services, string uniqueName) => CosmosStoreSettings.DropAsync(services, uniqueName);

    public Task<(string? Rating, DateTimeOffset? At)> SatisfactionProjectionAsync(IServiceProvider services, string ticketId) =>
        CosmosStoreSettings.SatisfactionProjectionAsync(services, ticketId);
}

/// <summary>Cosmos on the emulator or a real account (<c>TICKETS_COSMOS_CONNECTION</c>): same, with every case.</summary>
public sealed class CosmosAccountStore : IStoreUnderTest
{
    public IReadOnlyDictionary<string, string?> Settings(string uniqueName) =>
        CosmosStoreSettings.For(CosmosAccountEndpointAttribute.ConnectionString!, uniqueName);

    /// <summary>The emulator on this machine has a self-signed certificate; a remote account has a real one.</summary>
    public void ConfigureServices(IServiceCollection services)
    {
        if (CosmosAccountEndpointAttribute.ConnectionString is { } connection && IsLocal(connection))
            services.AddCosmosEmulatorCertificateTrust();
    }

    public Task DropAsync(IServiceProvider services, string uniqueName) => CosmosStoreSettings.DropAsync(services, uniqueName);

    public Task<(string? Rating, DateTimeOffset? At)> SatisfactionProjectionAsync(IServiceProvider services, string ticketId) =>
        CosmosStoreSettings.SatisfactionProjectionAsync(services, ticketId);

    private static bool IsLocal(string connection) =>
        connection.Contains("localhost", StringComparison.OrdinalIgnoreCase) || connection.Contains("127.0.0.1", StringComparison.Ordinal);
}

internal static class CosmosStoreSettings
{
    public static IReadOnlyDictionary<string, string?> For(string connectionString, string database) => new Dictionary<string, string?>
    {
        ["Tickets:Store"] = "Cosmos",
        ["Tickets:Cosmos:ConnectionString"] = connectionString,
        ["Tickets:Cosmos:Database"] = database,
        ["Tickets:Cosmos:CreateIfNotExists"] = "true",
        ["Tickets:Jwt:SigningKeys:0:Id"] = "test",
        ["Tickets:Jwt:SigningKeys:0:Key"] = Convert.ToBase64String(new byte[32]),
    };

    /// <summary>The top-level <c>satisfactionRating</c> and <c>satisfactionAt</c> of the ticket's document, read raw.</summary>
    public static async Task<(string? Rating, DateTimeOffset? At)> SatisfactionProjectionAsync(IServiceProvider services, string ticketId)
    {
        var database = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<global::Tickets.Storage.Cosmos.CosmosOptions>>().Value.Database;
        using var response = await services.GetRequiredService<CosmosClient>().GetContainer(database, "tickets").ReadItemStreamAsync(ticketId, new PartitionKey(ticketId));
        Assert.True(response.IsSuccessStatusCode);
        using var document = await System.Text.Json.JsonDocument.ParseAsync(response.Content);
        var root = document.RootElement;
        return (root.TryGetProperty("satisfactionRating", out var rating) ? rating.GetString() : null,
            root.TryGetProperty("satisfactionAt", out var at) ? DateTimeOffset.Parse(at.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : null);
    }

    public static async Task DropAsync(IServiceProvider services, string database)
    {
        using var response = await services.GetRequiredService<CosmosClient>().GetDatabase(database).DeleteStreamAsync();
    }
}
