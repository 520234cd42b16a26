using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tickets.Common;

namespace Tickets.Attachments;

public static class BlobServiceCollectionExtensions
{
    /// <summary>
    /// One singleton <see cref="BlobServiceClient"/> for <see cref="BlobOptions.Connection"/> (as the queues' client is made
    /// from theirs), the <c>attachments</c> container behind <see cref="IAttachmentBlobs"/>, the inbound mail's behind
    /// <see cref="Inbound.IInboundMailBlobs"/>, and their creation at start when
    /// <c>Tickets:Blobs:CreateIfNotExists</c> is set.
    /// </summary>
    public static IServiceCollection AddTicketsBlobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<BlobOptions>(configuration, BlobOptions.Section, _ =>
            IsConfigured(configuration.GetSection(BlobOptions.Connection))
                ? []
                : [("Connection", "Is not set: give a Storage connection string with BlobEndpoint= (UseDevelopmentStorage=true for Azurite) or Connection:blobServiceUri.")]);
        services.AddSingleton(_ => CreateClient(configuration));
        services.AddSingleton<BlobAttachmentStore>();
        services.AddSingleton<IAttachmentBlobs>(sp => sp.GetRequiredService<BlobAttachmentStore>());
        services.AddSingleton<Inbound.BlobInboundMailStore>();
        services.AddSingleton<Inbound.IInboundMailBlobs>(sp => sp.GetRequiredService<Inbound.BlobInboundMailStore>());
        services.AddHostedService<BlobContainerProvisioner>();
        return services;
    }

    private static bool IsConfigured(IConfigurationSection section) =>
        !string.IsNullOrWhiteSpace(section.Value) || Uri.TryCreate(section["blobServiceUri"], UriKind.Absolute, out _);

    public static BlobServiceClient CreateClient(IConfiguration configuration)
    {
        var section = configuration.GetSection(BlobOptions.Connection);
        if (!string.IsNullOrWhiteSpace(section.Value))
            return new BlobServiceClient(section.Value);

        if (Uri.TryCreate(section["blobServiceUri"], UriKind.Absolute, out var serviceUri))
        {
            // Identity-based, as the queues' connection: a user-assigned identity when clientId is set.
            var clientId = section["clientId"];
            var credential = string.IsNullOrWhiteSpace(clientId)
                ? new DefaultAzureCredential()
                : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
            return new BlobServiceClient(serviceUri, credential);
        }

        throw new InvalidOperationException(
            $"{BlobOptions.Connection} is not set: give a Storage connection string with BlobEndpoint= (UseDevelopmentStorage=true for Azurite) " +
            $"or {BlobOptions.Connection}:blobServiceUri for an identity-based connection.");
    }
}
