using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Tickets.Messaging;

public static class QueueServiceCollectionExtensions
{
    /// <summary>
    /// One singleton <see cref="QueueServiceClient"/> for the queues named by <see cref="QueueNames.Connection"/>: a
    /// connection string (Azurite, or an account's with <c>QueueEndpoint=</c>) or, in Azure, <c>queueServiceUri</c> with
    /// the app's managed identity — the same setting the queue triggers read.
    /// </summary>
    public static IServiceCollection AddTicketsQueues(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<QueueOptions>().Bind(configuration.GetSection(QueueOptions.Section))
            .Validate(_ => IsConfigured(configuration.GetSection(QueueNames.Connection)),
                $"{QueueNames.Connection} is not set: give a Storage connection string (UseDevelopmentStorage=true for Azurite) or {QueueNames.Connection}:queueServiceUri.")
            .ValidateOnStart();
        services.AddSingleton(sp => CreateClient(configuration, sp.GetRequiredService<IOptions<QueueOptions>>().Value));
        return services;
    }

    private static bool IsConfigured(IConfigurationSection section) =>
        !string.IsNullOrWhiteSpace(section.Value) || Uri.TryCreate(section["queueServiceUri"], UriKind.Absolute, out _);

    internal static QueueServiceClient CreateClient(IConfiguration configuration, QueueOptions options) =>
        CreateClient(configuration, new QueueClientOptions { MessageEncoding = options.MessageEncoding });

    /// <summary>
    /// Another client for the same queues with other client options: the local host's queue triggers decode as
    /// host.json says and handle undecodable messages themselves, as the Functions queue extension does.
    /// </summary>
    public static QueueServiceClient CreateClient(IConfiguration configuration, QueueClientOptions clientOptions)
    {
        var section = configuration.GetSection(QueueNames.Connection);
        if (!string.IsNullOrWhiteSpace(section.Value))
            return new QueueServiceClient(section.Value, clientOptions);

        if (Uri.TryCreate(section["queueServiceUri"], UriKind.Absolute, out var serviceUri))
        {
            // Identity-based, as the Functions host reads the same section: a user-assigned identity when clientId is set.
            var clientId = section["clientId"];
            var credential = string.IsNullOrWhiteSpace(clientId)
                ? new DefaultAzureCredential()
                : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
            return new QueueServiceClient(serviceUri, credential, clientOptions);
        }

        throw new InvalidOperationException(
            $"{QueueNames.Connection} is not set: give a Storage connection string (UseDevelopmentStorage=true for Azurite) " +
            $"or {QueueNames.Connection}:queueServiceUri for an identity-based connection.");
    }
}
