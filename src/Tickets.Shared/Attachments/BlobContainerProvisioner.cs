using Azure.Storage.Blobs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tickets.Attachments;

/// <summary>
/// With <c>Tickets:Blobs:CreateIfNotExists</c> (the local host's default; Bicep owns the container in Azure), creates the
/// <c>attachments</c> container at start. It gives the blob service a few seconds: if it is not there yet, start-up goes
/// on and the first upload creates it.
/// </summary>
internal sealed partial class BlobContainerProvisioner(
    BlobAttachmentStore blobs, BlobServiceClient service, IOptions<BlobOptions> options, ILogger<BlobContainerProvisioner> logger) : IHostedService
{
    private static readonly TimeSpan StartBudget = TimeSpan.FromSeconds(3);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.CreateIfNotExists) return;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(StartBudget);
        try
        {
            await blobs.EnsureContainerAsync(budget.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogNotYet(logger, e, service.Uri.GetLeftPart(UriPartial.Authority));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot create the attachments container at {Endpoint} yet (is Azurite's blob service running? scripts/run.sh starts it); the first upload will")]
    private static partial void LogNotYet(ILogger logger, Exception exception, string endpoint);
}
