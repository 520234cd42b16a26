using System.Net;
using Microsoft.Azure.Cosmos;
using Tickets.Identity;
using Tickets.Messaging;

namespace Tickets.Storage.Cosmos;

/// <summary>
/// Registrations waiting for their link in the <c>users</c> container (<c>registration:{hash}</c>, a point read), used
/// with a conditional replace. The earlier ones of the same e-mail are found by a query and patched as replaced before
/// the new one is written; the e-mail's outbox message goes to its own partition of <c>tickets</c> after it, so an
/// e-mail never lacks its registration (a registration without its e-mail: the caller failed, and registers again).
/// </summary>
public sealed class CosmosPendingRegistrationStore(Container users, Container tickets) : IPendingRegistrationStore
{
    public async Task AddAsync(PendingRegistration registration, OutboxMessage mail, CancellationToken cancellationToken = default)
    {
        var query = new QueryDefinition(
                "SELECT VALUE c.id FROM c WHERE c.type = @type AND c.email = @email AND IS_NULL(c.usedAt) AND IS_NULL(c.replacedAt)")
            .WithParameter("@type", DocumentTypes.PendingRegistration)
            .WithParameter("@email", registration.Email);
        foreach (var id in await users.QueryAllAsync<string>(query, cancellationToken))
        {
            try
            {
                await users.PatchItemAsync<PendingRegistrationDocument>(id, new PartitionKey(id),
                    [PatchOperation.Set("/replacedAt", registration.CreatedAt)],
                    new PatchItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken);
            }
            catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                // Expired and removed since the query.
            }
        }

        var document = PendingRegistrationDocument.From(registration);
        var quiet = new ItemRequestOptions { EnableContentResponseOnWrite = false };
        await users.CreateItemAsync(document, new PartitionKey(document.Id), quiet, cancellationToken);
        await tickets.CreateItemAsync(OutboxDocument.From(mail), new PartitionKey(mail.TicketId), quiet, cancellationToken);
    }

    public async Task<PendingRegistration?> FindAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        var id = DocumentIds.PendingRegistration(tokenHash);
        return (await users.ReadOrNullAsync<PendingRegistrationDocument>(id, new PartitionKey(id), cancellationToken))?.Document.ToRegistration();
    }

    /// <summary>Only a use or a replacement ends a link (as the SQLite store's conditional update): see <see cref="ContainerExtensions.ReplaceWhileAsync{T}"/>.</summary>
    public Task<bool> TryUseAsync(string tokenHash, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        users.ReplaceWhileAsync<PendingRegistrationDocument>(DocumentIds.PendingRegistration(tokenHash),
            document => document.UsedAt is null && document.ReplacedAt is null, document => document with { UsedAt = at }, cancellationToken);

    public async Task MarkEmailedAsync(string tokenHash, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var id = DocumentIds.PendingRegistration(tokenHash);
        var read = await users.ReadOrNullAsync<PendingRegistrationDocument>(id, new PartitionKey(id), cancellationToken);
        if (read is not { Document: var document, ETag: var etag } || document.EmailedAt is not null) return;

        try
        {
            await users.ReplaceItemAsync(document with { EmailedAt = at }, id, new PartitionKey(id),
                new ItemRequestOptions { IfMatchEtag = etag, EnableContentResponseOnWrite = false }, cancellationToken);
        }
        catch (CosmosException e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            // Changed in between (used, replaced, or recorded by another delivery): the e-mail no longer matters or is recorded.
        }
    }
}
