using Azure.Identity;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tickets.Administration.Audit;
using Tickets.Administration.Categories;
using Tickets.Administration.Teams;
using Tickets.Attachments;
using Tickets.Budgets;
using Tickets.Common;
using Tickets.Idempotency;
using Tickets.Inbound;
using Tickets.Identity;
using Tickets.Messaging;
using Tickets.Notifications;
using Tickets.Sla.Policies;
using Tickets.Storage.Cosmos.Administration;
using Tickets.Storage.Cosmos.Attachments;
using Tickets.Storage.Cosmos.Inbound;
using Tickets.Tickets;
using Tickets.Users;

namespace Tickets.Storage.Cosmos;

public static class CosmosServiceCollectionExtensions
{
    /// <summary>
    /// The Cosmos DB adapters (<c>Tickets:Store=Cosmos</c>) over one singleton <see cref="CosmosClient"/>. Hosts and tests
    /// may post-configure <see cref="CosmosClientOptions"/> (handlers, connection mode); the defaults suit Azure.
    /// </summary>
    public static IServiceCollection AddCosmosStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CosmosOptions>().Bind(configuration.GetSection(CosmosOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Endpoint) || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Tickets:Store is Cosmos: set Tickets:Cosmos:Endpoint (Azure, with DefaultAzureCredential) or Tickets:Cosmos:ConnectionString (emulator).")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Database), "Tickets:Cosmos:Database must not be empty.")
            .ValidateOnStart();

        services.AddOptions<CosmosClientOptions>().Configure(options =>
        {
            options.ApplicationName = "tickets";
            // The API's own System.Text.Json options: the same names and enum spellings in documents as on the wire.
            options.UseSystemTextJsonSerializerWithOptions = Json.Options;
            // 429s are retried by the SDK honouring x-ms-retry-after-ms; past these limits the request fails (a 503 to callers).
            options.MaxRetryAttemptsOnRateLimitedRequests = 9;
            options.MaxRetryWaitTimeOnRateLimitedRequests = TimeSpan.FromSeconds(30);
            // First in the pipeline: what the retries leave of a 429/503 leaves the adapters as StoreUnavailableException.
            options.CustomHandlers.Insert(0, new CosmosBusyHandler());
        });

        services.AddSingleton(sp => CreateClient(
            sp.GetRequiredService<IOptions<CosmosOptions>>().Value, sp.GetRequiredService<IOptions<CosmosClientOptions>>().Value));
        services.AddSingleton<CosmosStore>();
        services.AddSingleton<IStoreInitializer>(sp => sp.GetRequiredService<CosmosStore>());

        // A user change's audit entries ride in the user document and are delivered to the admin container's log from there.
        services.AddSingleton(sp => new CosmosAuditRelay(Users(sp), Container(sp, CosmosModel.Admin),
            sp.GetRequiredService<IOptions<AuditOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<CosmosAuditRelay>>()));
        services.AddSingleton<IUserStore>(sp => new CosmosUserStore(Users(sp), sp.GetRequiredService<CosmosAuditRelay>()));
        services.AddSingleton<IAuditStore>(sp => new CosmosAuditStore(Container(sp, CosmosModel.Admin), Users(sp), sp.GetRequiredService<CosmosAuditRelay>()));
        services.AddSingleton<IRefreshTokenStore>(sp => new CosmosRefreshTokenStore(Users(sp)));
        services.AddSingleton<ILoginThrottleStore>(sp => new CosmosLoginThrottleStore(Users(sp)));
        services.AddSingleton<IRequestBudgetStore>(sp => new CosmosRequestBudgetStore(Users(sp)));
        services.AddSingleton<IPasswordTokenStore>(sp => new CosmosPasswordTokenStore(Users(sp), Container(sp, CosmosModel.Tickets)));
        services.AddSingleton<IPendingRegistrationStore>(sp => new CosmosPendingRegistrationStore(Users(sp), Container(sp, CosmosModel.Tickets)));
        services.AddSingleton<ITicketStore>(sp => new CosmosTicketStore(Container(sp, CosmosModel.Tickets), Container(sp, CosmosModel.Meta)));
        services.AddSingleton<global::Tickets.Reports.IReportStore>(sp => new Reports.CosmosReportStore(Container(sp, CosmosModel.Tickets)));
        services.AddSingleton<IIdempotencyStore>(sp => new CosmosIdempotencyStore(Container(sp, CosmosModel.Meta)));
        services.AddSingleton<IUploadStore>(sp => new CosmosUploadStore(Container(sp, CosmosModel.Meta)));
        services.AddSingleton<IInboundMailStore>(sp => new CosmosInboundMailStore(Container(sp, CosmosModel.Meta)));
        services.AddSingleton<SavedViews.ISavedViewStore>(sp => new Views.CosmosSavedViewStore(Container(sp, CosmosModel.Meta)));
        services.AddSingleton<global::Tickets.Macros.IMacroStore>(sp => new Macros.CosmosMacroStore(Container(sp, CosmosModel.Meta)));
        services.AddSingleton<IOutboxStore>(sp => new CosmosOutboxStore(Container(sp, CosmosModel.Tickets)));
        services.AddSingleton<INotificationStore>(sp => new CosmosNotificationStore(Container(sp, CosmosModel.Notifications)));
        services.AddSingleton<ITeamStore>(sp => new CosmosTeamStore(Container(sp, CosmosModel.Admin), AuditRetention(sp)));
        services.AddSingleton<ICategoryStore>(sp => new CosmosCategoryStore(Container(sp, CosmosModel.Admin), AuditRetention(sp), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ISlaPolicyStore>(sp => new CosmosSlaPolicyStore(Container(sp, CosmosModel.Admin), sp.GetRequiredService<IOptions<AuditOptions>>()));
        return services;
    }

    private static TimeSpan AuditRetention(IServiceProvider services) => services.GetRequiredService<IOptions<AuditOptions>>().Value.Retention;

    private static Container Users(IServiceProvider services) => Container(services, CosmosModel.Users);

    private static Container Container(IServiceProvider services, CosmosContainerModel model) => services.GetRequiredService<CosmosStore>().Container(model);

    private static CosmosClient CreateClient(CosmosOptions settings, CosmosClientOptions options) =>
        !string.IsNullOrWhiteSpace(settings.Endpoint)
            // Managed identity in Azure, the developer's az/VS login locally: no keys (local auth is disabled on the account).
            ? new CosmosClient(settings.Endpoint, new DefaultAzureCredential(), options)
            : new CosmosClient(settings.ConnectionString, options);
}
