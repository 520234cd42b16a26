using Tickets.Functions.Triggers;

namespace Tickets.DevHost.Triggers;

public static class TriggerServiceCollectionExtensions
{
    /// <summary>
    /// Creates the queues at start when <c>Tickets:Queues:CreateIfNotExists</c> is set. Register it before the
    /// services that send at start (demo data, the outbox dispatcher): hosted services start in registration order.
    /// </summary>
    public static IServiceCollection AddQueueProvisioning(this IServiceCollection services)
    {
        services.AddHostedService<QueueProvisioner>();
        return services;
    }

    /// <summary>
    /// Runs the catalog's queue- and timer-triggered functions in this host. Register it after the services their
    /// functions need at start (schema, seeding): hosted services start in registration order.
    /// </summary>
    public static IServiceCollection AddFunctionTriggers(this IServiceCollection services, TriggerCatalog catalog)
    {
        services.AddSingleton(catalog);
        services.AddHostedService<TriggerHost>();
        return services;
    }
}
