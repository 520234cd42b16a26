using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tickets.Sla.Policies;
using Tickets.Storage;
using Tickets.Users;

namespace Tickets.Startup;

/// <summary>
/// Runs before the app takes traffic: brings the store up to date, seeds the configuration the settings give a store that
/// never had it (categories), creates the bootstrap admin when no active admin exists, and seeds demo data on an empty
/// store when <c>Tickets:DemoData</c> is on.
/// </summary>
public sealed partial class TicketsInitializer(
    IServiceScopeFactory scopes,
    IOptions<BootstrapAdminOptions> bootstrap,
    IConfiguration configuration,
    ILogger<TicketsInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        foreach (var store in services.GetServices<IStoreInitializer>())
            await store.InitializeAsync(cancellationToken);
        foreach (var seeder in services.GetServices<IConfigurationSeeder>())
            await seeder.SeedAsync(cancellationToken);

        // Configuration the settings seed into an empty store (before demo data, whose tickets start on it).
        await services.GetRequiredService<SlaSeeder>().SeedAsync(cancellationToken);

        var users = services.GetRequiredService<IUserStore>();
        var accounts = services.GetRequiredService<UserAccounts>();

        if (configuration.GetValue("Tickets:DemoData", false))
        {
            foreach (var seeder in services.GetServices<IDemoDataSeeder>().OrderBy(s => s.Order))
                await seeder.SeedAsync(cancellationToken);
        }

        var admin = bootstrap.Value;
        if (!string.IsNullOrWhiteSpace(admin.Email) && !string.IsNullOrEmpty(admin.Password)
            && !await users.AnyActiveAdminAsync(cancellationToken))
        {
            var created = await accounts.CreateAsync(new RegisterRequest
            {
                Email = admin.Email,
                Password = admin.Password,
                FirstNames = "Administrator",
                LastNames = "Bootstrap",
                Department = "IT",
                Dni = "00000",
                Phone = "0000000",
            }, Role.Admin, cancellationToken);
            if (created.IsSuccess) LogBootstrapped(logger, created.Value.Email);
            else LogBootstrapFailed(logger, created.Error!.Detail ?? created.Error.Code);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Bootstrap admin {Email} created")]
    private static partial void LogBootstrapped(ILogger logger, string email);

    [LoggerMessage(Level = LogLevel.Error, Message = "Bootstrap admin could not be created: {Reason}")]
    private static partial void LogBootstrapFailed(ILogger logger, string reason);
}
