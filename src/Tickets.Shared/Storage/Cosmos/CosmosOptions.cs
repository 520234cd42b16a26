namespace Tickets.Storage.Cosmos;

/// <summary><c>Tickets:Cosmos</c>: where the account is and how to reach it.</summary>
public sealed class CosmosOptions
{
    public const string Section = "Tickets:Cosmos";

    /// <summary>Account endpoint, used with <c>DefaultAzureCredential</c> (managed identity in Azure). Wins over a connection string.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Key-based connection string, for the emulator and development only (local auth is disabled in Azure).</summary>
    public string? ConnectionString { get; set; }

    public string Database { get; set; } = CosmosModel.DefaultDatabaseName;

    /// <summary>Creates the database and containers from <see cref="CosmosModel"/> at start. Emulators only: in Azure, Bicep owns them.</summary>
    public bool CreateIfNotExists { get; set; }
}
