using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Tickets.Storage;

namespace Tickets.CosmosDbServer;

public static class CosmosDbServerServiceCollectionExtensions
{
    /// <summary>
    /// Points the Cosmos adapter's client at @vercel/cosmosdb-server: Gateway mode on the one endpoint given, its
    /// self-signed certificate accepted, and <see cref="CosmosDbServerHandler"/> in the pipeline. Tests and the local host only.
    /// </summary>
    public static IServiceCollection AddCosmosDbServerCompatibility(this IServiceCollection services)
    {
        // First among the store initializers: the database must exist, with a usable id, before containers are made.
        services.Insert(0, ServiceDescriptor.Singleton<IStoreInitializer, SlashFreeDatabase>());
        services.AddOptions<CosmosClientOptions>().PostConfigure<IServiceProvider>((options, provider) =>
        {
            options.ConnectionMode = ConnectionMode.Gateway;
            options.LimitToEndpoint = true;
            options.HttpClientFactory = AcceptingSelfSignedCertificate;
            // The handler runs a batch as single-item calls of the client it is in, resolved when the first batch arrives.
            options.CustomHandlers.Add(new CosmosDbServerHandler(provider.GetRequiredService<CosmosClient>));
        });
        return services;
    }

    /// <summary>For emulators with their own self-signed certificate (the Linux emulator): Gateway mode, certificate accepted.</summary>
    public static IServiceCollection AddCosmosEmulatorCertificateTrust(this IServiceCollection services) =>
        services.PostConfigure<CosmosClientOptions>(options =>
        {
            options.ConnectionMode = ConnectionMode.Gateway;
            options.LimitToEndpoint = true;
            options.HttpClientFactory = AcceptingSelfSignedCertificate;
        });

    private static HttpClient AcceptingSelfSignedCertificate() => new(new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        // Idle connections are dropped well before a local server would close them (Node's default is after 5 s idle):
        // a request sent on a connection the server is closing fails with "The response ended prematurely".
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(2),
    });
}
