using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tickets.Identity;
using Tickets.Idempotency;
using Tickets.Messaging;
using Tickets.Sla;
using Tickets.Stats;
using Tickets.Startup;
using Tickets.Storage;
using Tickets.Storage.Cosmos;
using Tickets.Storage.Sqlite;
using Tickets.Tickets;
using Tickets.Users;

namespace Tickets;

public static class DependencyInjection
{
    /// <summary>
    /// Everything the product needs, for every host (Functions worker, local host, tests): one composition.
    /// </summary>
    public static IServiceCollection AddTickets(this IServiceCollection services, IConfiguration configuration)
    {
        // Time comes from TimeProvider so tests can move it.
        services.TryAddSingleton(TimeProvider.System);

        // Identity: own JWTs, refresh-token rotation, login throttling.
        services.AddOptions<JwtOptions>().Bind(configuration.GetSection(JwtOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LoginThrottleOptions>().Bind(configuration.GetSection(LoginThrottleOptions.Section)).ValidateDataAnnotations();
        services.AddOptions<BootstrapAdminOptions>().Bind(configuration.GetSection(BootstrapAdminOptions.Section));
        services.AddSingleton<TokenService>();
        services.AddSingleton<Passwords>();
        services.AddScoped<CurrentUser>();
        services.AddScoped<IdentityService>();

        // Users.
        services.AddScoped<UserAccounts>();
        services.AddScoped<UserAdministration>();

        // Tickets: the aggregate's configured rules, SLA policy, assignment, the routes' service, stats.
        services.AddTicketsCore(configuration);

        // Storage queues (notifications, SLA checks): one client from Tickets:Queues:Connection.
        services.AddTicketsQueues(configuration);

        // Storage, chosen by Tickets:Store.
        services.AddTicketsStore(configuration);

        // Start-up: schema, bootstrap admin, demo data.
        services.AddScoped<IDemoDataSeeder, DemoUsersSeeder>();
        services.AddScoped<IDemoDataSeeder, DemoTicketsSeeder>();
        services.AddHostedService<TicketsInitializer>();
        return services;
    }

    private static void AddTicketsCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TicketOptions>().Bind(configuration.GetSection(TicketOptions.Section));
        services.AddOptions<SlaOptions>().Bind(configuration.GetSection(SlaOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlaOptions>, SlaOptionsValidator>();
        services.AddOptions<AssignmentOptions>().Bind(configuration.GetSection(AssignmentOptions.Section));
        services.AddSingleton<SlaPolicy>();
        services.AddSingleton<TicketRules>();
        services.AddSingleton<TicketViews>();
        services.AddScoped<AutoAssigner>();
        services.AddScoped<TicketService>();
        services.AddScoped<StatsService>();
    }

    private static void AddTicketsStore(this IServiceCollection services, IConfiguration configuration)
    {
        var store = configuration["Tickets:Store"] ?? "Sqlite";
        switch (store.ToLowerInvariant())
        {
            case "sqlite":
                services.AddOptions<SqliteOptions>().Bind(configuration.GetSection(SqliteOptions.Section));
                services.AddSingleton<SqliteDatabase>();
                services.AddSingleton<IStoreInitializer>(sp => sp.GetRequiredService<SqliteDatabase>());
                services.AddSingleton<IUserStore, SqliteUserStore>();
                services.AddSingleton<IRefreshTokenStore, SqliteRefreshTokenStore>();
                services.AddSingleton<ILoginThrottleStore, SqliteLoginThrottleStore>();
                services.AddSingleton<ITicketStore, SqliteTicketStore>();
                services.AddSingleton<IIdempotencyStore, SqliteIdempotencyStore>();
                break;
            case "cosmos":
                services.AddCosmosStore(configuration);
                break;
            default:
                throw new InvalidOperationException($"Tickets:Store '{store}' is not supported: use Sqlite or Cosmos.");
        }
    }
}
