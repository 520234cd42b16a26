using System.Net;
using Microsoft.Azure.Cosmos;
using Tickets.Identity;

namespace Tickets.Storage.Cosmos;

/// <summary>
/// Refresh tokens in the <c>users</c> container, one document per token with id <c>token:{hash}</c>: finding one
/// is a point read, spending one is a conditional replace (<c>If-Match</c>), and Cosmos deletes it a day after it expires.
/// Revocation by family or user is a query (rare: logout, reuse, password change, deactivation).
/// </summary>
public sealed class CosmosRefreshTokenStore(Container users) : IRefreshTokenStore
{
    public async Task AddAsync(RefreshToken token, CancellationToken cancellationToken = default)
    {
        var document = RefreshTokenDocument.From(token, token.CreatedAt);
        try
        {
            await users.CreateItemAsync(document, new PartitionKey(document.Id),
                new ItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken);
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            // Added already (a concurrent refresh of the same token worked out the same successor): the stored one stands.
        }
    }

    public async Task<RefreshToken?> FindAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        var id = DocumentIds.RefreshToken(tokenHash);
        return (await users.ReadOrNullAsync<RefreshTokenDocument>(id, new PartitionKey(id), cancellationToken))?.Document.ToToken();
    }

    public async Task<bool> TrySpendAsync(string tokenHash, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var id = DocumentIds.RefreshToken(tokenHash);
        var read = await users.ReadOrNullAsync<RefreshTokenDocument>(id, new PartitionKey(id), cancellationToken);
        if (read is not { Document: var token, ETag: var etag } || token.SpentAt is not null || token.RevokedAt is not null) return false;

        try
        {
            await users.ReplaceItemAsync(
                token with { SpentAt = at, Ttl = RefreshTokenDocument.TtlUntil(token.ExpiresAt, at) }, id, new PartitionKey(id),
                new ItemRequestOptions { IfMatchEtag = etag, EnableContentResponseOnWrite = false }, cancellationToken);
            return true;
        }
        catch (CosmosException e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            // Someone spent or revoked it between our read and write (or it expired): they got there first.
            return false;
        }
    }

    public Task RevokeFamilyAsync(string familyId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        RevokeWhereAsync("c.familyId = @value", familyId, at, cancellationToken);

    public Task RevokeAllForUserAsync(string userId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        RevokeWhereAsync("c.userId = @value", userId, at, cancellationToken);

    private async Task RevokeWhereAsync(string predicate, string value, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition($"SELECT VALUE c.id FROM c WHERE c.type = @type AND {predicate} AND IS_NULL(c.revokedAt)")
            .WithParameter("@type", DocumentTypes.RefreshToken)
            .WithParameter("@value", value);
        foreach (var id in await users.QueryAllAsync<string>(query, cancellationToken))
        {
            // A patch, not a replace: it cannot lose to a concurrent spend, and a spend based on the old version then fails its If-Match.
            try
            {
                await users.PatchItemAsync<RefreshTokenDocument>(id, new PartitionKey(id), [PatchOperation.Set("/revokedAt", at)],
                    new PatchItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken);
            }
            catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                // Expired and removed since the query: nothing left to revoke.
            }
        }
    }
}
