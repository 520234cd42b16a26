using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tickets.Storage.Cosmos;

namespace Tickets.EndToEndTests;

/// <summary>
/// The store every local host of this test run uses, so the same end-to-end tests run on each store:
/// SQLite by default; Cosmos with <c>TICKETS_E2E_STORE=cosmos</c>, on @vercel/cosmosdb-server
/// (<c>TICKETS_COSMOS_TEST_ENDPOINT</c>, with the SDK shims of <c>DevHost:CosmosDbServer</c>) or else on the
/// emulator or an account (<c>TICKETS_COSMOS_CONNECTION</c>). Each host gets a store of its own, named after its
/// data folder, so a restart on the same folder finds the same data.
/// </summary>
public abstract class HostStore
{
    public const string StoreVariable = "TICKETS_E2E_STORE";

    /// <summary>SQLite, whatever the run's store: the reference the other stores are compared with.</summary>
    public static HostStore Sqlite { get; } = new SqliteHostStore();

    /// <summary>The run's store (declared after <see cref="Sqlite"/>, which it may be).</summary>
    public static HostStore Current { get; } = FromEnvironment();

    /// <summary>The host's arguments for its store; the data folder also keeps its development signing key.</summary>
    public abstract IEnumerable<string> Arguments(string dataDirectory);

    /// <summary>Removes the host's store while the host is still running.</summary>
    public virtual Task DropAsync(IServiceProvider services) => Task.CompletedTask;

    private static HostStore FromEnvironment() => Environment.GetEnvironmentVariable(StoreVariable)?.ToLowerInvariant() switch
    {
        null or "" or "sqlite" => Sqlite,
        "cosmos" => CosmosHostStore.Configured(),
        var other => throw new InvalidOperationException($"{StoreVariable}={other}: use sqlite (the default) or cosmos."),
    };

    private sealed class SqliteHostStore : HostStore
    {
        public override IEnumerable<string> Arguments(string dataDirectory) => [$"--Tickets:Sqlite:Path={Path.Combine(dataDirectory, "tickets.db")}"];
    }

    private sealed class CosmosHostStore(string connectionString, bool cosmosDbServer, bool emulator = false) : HostStore
    {
        public static CosmosHostStore Configured()
        {
            if (Environment.GetEnvironmentVariable("TICKETS_COSMOS_TEST_ENDPOINT") is { Length: > 0 } endpoint)
            {
                var key = Environment.GetEnvironmentVariable("TICKETS_COSMOS_TEST_KEY") is { Length: > 0 } k ? k : Convert.ToBase64String(new byte[64]);
                return new CosmosHostStore($"AccountEndpoint={endpoint};AccountKey={key};", cosmosDbServer: true);
            }

            if (Environment.GetEnvironmentVariable("TICKETS_COSMOS_CONNECTION") is { Length: > 0 } connection)
            {
                var local = connection.Contains("localhost", StringComparison.OrdinalIgnoreCase) || connection.Contains("127.0.0.1", StringComparison.Ordinal);
                return new CosmosHostStore(connection, cosmosDbServer: false, emulator: local);
            }

            // Never quietly fall back to SQLite: a run that asked for Cosmos and did not get it must not pass.
            throw new InvalidOperationException(
                $"{StoreVariable}=cosmos needs TICKETS_COSMOS_TEST_ENDPOINT (eval \"$(scripts/cosmos-test-server.sh start)\") or TICKETS_COSMOS_CONNECTION.");
        }

        public override IEnumerable<string> Arguments(string dataDirectory) =>
        [
            $"--Tickets:Sqlite:Path={Path.Combine(dataDirectory, "tickets.db")}",
            "--Tickets:Store=Cosmos",
            $"--Tickets:Cosmos:ConnectionString={connectionString}",
            $"--Tickets:Cosmos:Database=e2e-{Path.GetFileName(dataDirectory)}",
            "--Tickets:Cosmos:CreateIfNotExists=true",
            $"--DevHost:CosmosDbServer={cosmosDbServer}",
            $"--DevHost:CosmosEmulator={emulator}",
        ];

        public override async Task DropAsync(IServiceProvider services)
        {
            var database = services.GetRequiredService<IOptions<CosmosOptions>>().Value.Database;
            using var response = await services.GetRequiredService<CosmosClient>().GetDatabase(database).DeleteStreamAsync();
        }
    }
}
