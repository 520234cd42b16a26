namespace Tickets.Storage.Sqlite;

/// <summary><c>Tickets:Sqlite</c>.</summary>
public sealed class SqliteOptions
{
    public const string Section = "Tickets:Sqlite";

    public string Path { get; set; } = ".data/tickets.db";
}
