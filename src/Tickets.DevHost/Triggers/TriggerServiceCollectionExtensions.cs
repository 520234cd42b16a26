using Tickets.Functions.Triggers;

namespace Tickets.DevHost.Triggers;

public static class TriggerServiceCollectionExtensions
{
    /// <summary>
    /// Runs the catalog's queue- and timer-triggered functions in this host (after the services registered before
    /// it have started), and creates the queues when <c>Tickets:Queues:CreateIfNotExists</c> is set.
    /// </summary>
    public static IServiceCollection AddFunctionTriggers(this IServiceCollection services, TriggerCatalog catalog)
    {
        services.AddSingleton(catalog);
        services.AddHostedService<QueueProvisioner>();
        services.AddHostedService<TriggerHost>();
        return services;
    }
}
