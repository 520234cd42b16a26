using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Tickets.Attachments;

namespace Tickets.Inbound;

/// <summary>
/// <see cref="IInboundMailBlobs"/> on Blob Storage: the private container <see cref="InboundOptions.Container"/> of the
/// same account as the attachments, one blob per message, named by its door's id.
/// </summary>
public sealed class BlobInboundMailStore(BlobServiceClient service, IOptions<InboundOptions> inbound, IOptions<BlobOptions> blobs) : IInboundMailBlobs
{
    private readonly BlobContainerClient _container = service.GetBlobContainerClient(inbound.Value.Container);
    private volatile bool _containerReady;

    public async Task WriteAsync(string name, Stream content, CancellationToken cancellationToken = default)
    {
        if (blobs.Value.CreateIfNotExists) await EnsureContainerAsync(cancellationToken);
        await _container.GetBlobClient(name).UploadAsync(content, new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "message/rfc822" },
        }, cancellationToken);
    }

    public async Task<Stream?> OpenReadAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _container.GetBlobClient(name).OpenReadAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken = default) =>
        await _container.DeleteBlobIfExistsAsync(name, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);

    /// <summary>Creates the container (private) when missing; once per process once it succeeded.</summary>
    public async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (_containerReady) return;
        await _container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);
        _containerReady = true;
    }
}
