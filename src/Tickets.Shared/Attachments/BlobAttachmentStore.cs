using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using Microsoft.Extensions.Options;

namespace Tickets.Attachments;

/// <summary>
/// <see cref="IAttachmentBlobs"/> on Blob Storage: the private <c>attachments</c> container, one blob per upload, named by
/// its id. Links are service SAS for that one blob, read-only: signed with the account key where the connection has one
/// (Azurite), otherwise with a user-delegation key from the app's identity (Azure, where shared keys are off).
/// </summary>
public sealed class BlobAttachmentStore(BlobServiceClient service, IOptions<BlobOptions> options, TimeProvider time) : IAttachmentBlobs
{
    /// <summary>The longest a link may work.</summary>
    public static readonly TimeSpan MaxLinkLifetime = TimeSpan.FromMinutes(5);

    /// <summary>A link starts this far in the past, so a storage clock a little ahead of ours does not refuse a fresh one.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>How long a user-delegation key is asked for; one is reused until less than a link's lifetime (and a margin) is left.</summary>
    private static readonly TimeSpan DelegationKeyLifetime = TimeSpan.FromHours(1);

    /// <summary>Uploads go up in blocks of this size: the most a request holds in memory, whatever the file's size.</summary>
    private const int BlockBytes = 4 * 1024 * 1024;

    private readonly BlobContainerClient _container = service.GetBlobContainerClient(BlobOptions.Container);
    private readonly SemaphoreSlim _keyLock = new(1, 1);
    private UserDelegationKey? _delegationKey;
    private volatile bool _containerReady;

    public async Task WriteAsync(string name, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        if (options.Value.CreateIfNotExists) await EnsureContainerAsync(cancellationToken);
        await _container.GetBlobClient(name).UploadAsync(content, new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            Tags = new Dictionary<string, string> { [IAttachmentBlobs.StateTag] = "unreferenced" },
            // Upload ids are new each time: an existing blob of that name is never replaced.
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            TransferOptions = new Azure.Storage.StorageTransferOptions
            {
                InitialTransferSize = BlockBytes,
                MaximumTransferSize = BlockBytes,
                MaximumConcurrency = 1,
            },
        }, cancellationToken);
    }

    public async Task<Uri> ReadUrlAsync(string name, string fileName, string contentType, bool inline, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        if (lifetime <= TimeSpan.Zero || lifetime > MaxLinkLifetime)
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, $"A link works for more than nothing and at most {MaxLinkLifetime.TotalMinutes} minutes.");

        var blob = _container.GetBlobClient(name);
        var now = time.GetUtcNow();
        var sas = new BlobSasBuilder(BlobSasPermissions.Read, now + lifetime)
        {
            BlobContainerName = _container.Name,
            BlobName = name,
            Resource = "b",
            StartsOn = now - ClockSkew,
            // The blob service answers with these, whatever the blob's own headers: the type decided at upload and a
            // disposition that shows only images and pdf in place.
            ContentType = contentType,
            ContentDisposition = FileNames.ContentDisposition(fileName, inline),
            Protocol = blob.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        };

        if (blob.CanGenerateSasUri) return blob.GenerateSasUri(sas);

        var key = await DelegationKeyAsync(now, lifetime, cancellationToken);
        return new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key, service.AccountName) }.ToUri();
    }

    public async Task MarkReferencedAsync(string name, CancellationToken cancellationToken = default) =>
        await _container.GetBlobClient(name).SetTagsAsync(
            new Dictionary<string, string> { [IAttachmentBlobs.StateTag] = "referenced" }, cancellationToken: cancellationToken);

    public async Task DeleteAsync(string name, CancellationToken cancellationToken = default) =>
        await _container.DeleteBlobIfExistsAsync(name, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);

    /// <summary>Creates the container (private) when missing; once per process once it succeeded.</summary>
    public async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (_containerReady) return;
        await _container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);
        _containerReady = true;
    }

    /// <summary>The cached user-delegation key while it outlives the link by a minute; otherwise a new one.</summary>
    private async Task<UserDelegationKey> DelegationKeyAsync(DateTimeOffset now, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        static bool Covers(UserDelegationKey? key, DateTimeOffset until) => key is not null && key.SignedExpiresOn >= until;

        var needed = now + lifetime + TimeSpan.FromMinutes(1);
        if (Covers(_delegationKey, needed)) return _delegationKey!;
        await _keyLock.WaitAsync(cancellationToken);
        try
        {
            if (Covers(_delegationKey, needed)) return _delegationKey!;
            UserDelegationKey key = await service.GetUserDelegationKeyAsync(now - ClockSkew, now + DelegationKeyLifetime, cancellationToken);
            return _delegationKey = key;
        }
        finally
        {
            _keyLock.Release();
        }
    }
}
