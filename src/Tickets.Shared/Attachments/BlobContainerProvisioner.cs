using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tickets.Attachments;

/// <summary>
/// With <c>Tickets:Blobs:CreateIfNotExists</c> (the local host's default; Bicep owns the container in Azure), creates the
/// <c>attachments</c> and inbound mail containers as the host starts, in the background: nothing at start-up needs it, and when the blob
/// service is not there yet the first upload creates it.
/// </summary>
internal sealed partial class BlobContainerProvisioner(
    IServiceProvider services, IOptions<BlobOptions> options, ILogger<BlobContainerProvisioner> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _creating = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.CreateIfNotExists) _creating = Task.Run(() => CreateAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _creating.WaitAsync(cancellationToken);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task CreateAsync(CancellationToken stopping)
    {
        // Resolved here, not injected: the client is made from the connection setting, which start-up validation checks first.
        var service = services.GetRequiredService<BlobServiceClient>();
        try
        {
            await services.GetRequiredService<BlobAttachmentStore>().EnsureContainerAsync(stopping);
            await services.GetRequiredService<Inbound.BlobInboundMailStore>().EnsureContainerAsync(stopping);
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            LogNotYet(logger, e, service.Uri.GetLeftPart(UriPartial.Authority));
        }
        catch (OperationCanceledException)
        {
            // The host stopped first.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot create the blob containers at {Endpoint} yet (is Azurite's blob service running? scripts/run.sh starts it); the first write will")]
    private static partial void LogNotYet(ILogger logger, Exception exception, string endpoint);
}
