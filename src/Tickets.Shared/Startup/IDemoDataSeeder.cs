namespace Tickets.Startup;

/// <summary>A feature's demo data; each seeds only what is missing, so restarts add nothing twice.</summary>
public interface IDemoDataSeeder
{
    int Order { get; }

    Task SeedAsync(CancellationToken cancellationToken);
}
