using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tickets.Common;
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

        // Identity: own JWTs, refresh-token rotation, password-attempt throttling; every setting checked at start-up.
        services.AddValidatedOptions<JwtOptions>(configuration, JwtOptions.Section);
        services.AddValidatedOptions<LoginThrottleOptions>(configuration, LoginThrottleOptions.Section);
        services.AddValidatedOptions<LimitsOptions>(configuration, LimitsOptions.Section);
        services.AddValidatedOptions<BootstrapAdminOptions>(configuration, BootstrapAdminOptions.Section, BootstrapAdminOptions.Rules);
        services.AddSingleton<TokenService>();
        services.AddSingleton<ServerKeys>();
        services.AddSingleton<SignedCursors>();
        services.AddSingleton<Passwords>();
        services.AddScoped<CurrentUser>();
        services.AddScoped<ClientAddress>();
        services.AddScoped<PasswordAttempts>();
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
        services.AddValidatedOptions<TicketOptions>(configuration, TicketOptions.Section, TicketOptionsRules.Check);
        services.AddValidatedOptions<SlaOptions>(configuration, SlaOptions.Section, SlaOptionsRules.Check);
        services.AddValidatedOptions<AssignmentOptions>(configuration, AssignmentOptions.Section);
        services.AddSingleton<SlaPolicy>();
        services.AddSingleton<TicketRules>();
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
                services.AddValidatedOptions<SqliteOptions>(configuration, SqliteOptions.Section,
                    o => string.IsNullOrWhiteSpace(o.Path) ? [("Path", "Must name the database file.")] : []);
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
