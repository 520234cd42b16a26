namespace Tickets.Startup;

/// <summary>
/// Seeds a piece of configuration kept in the store (categories, …) from the settings, once, on a store that has never had
/// it; after that the store is the truth. Idempotent and safe with several instances starting at once. Runs at every start,
/// after the store is brought up to date and before demo data (which uses it).
/// </summary>
public interface IConfigurationSeeder
{
    Task SeedAsync(CancellationToken cancellationToken);
}
