using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tickets.Startup;
using Tickets.Tickets;

namespace Tickets.Administration.Categories;

/// <summary><c>Tickets:Categories</c> (or the built-in list) seeds a store that has never had categories; then the store is the truth.</summary>
public sealed partial class CategorySeeder(ICategoryStore store, IOptions<TicketOptions> options, ILogger<CategorySeeder> logger) : IConfigurationSeeder
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var seed = CategoryCatalog.Seed(options.Value);
        if (await store.SeedAsync(seed, cancellationToken)) LogSeeded(logger, seed.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} categories from Tickets:Categories")]
    private static partial void LogSeeded(ILogger logger, int count);
}
