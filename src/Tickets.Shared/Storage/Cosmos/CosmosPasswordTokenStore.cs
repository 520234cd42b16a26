using System.Net;
using Microsoft.Azure.Cosmos;
using Tickets.Identity;
using Tickets.Messaging;

namespace Tickets.Storage.Cosmos;

/// <summary>
/// Set-password links in the <c>users</c> container (<c>password:{hash}</c>, a point read), used with a conditional
/// replace. The e-mail's outbox message goes to the account's own partition of <c>tickets</c>
/// (<see cref="PasswordResets.OutboxPartition"/>), where the relay finds every pending message; it is written after the
/// link, so a link can lack its e-mail (the caller then fails and asks again) but an e-mail never lacks its link.
/// The account's earlier unused links (whatever their purpose) are found by a query and patched as replaced before the new link is
/// written: a failure in between leaves no link working, never an old one beside the new.
/// </summary>
public sealed class CosmosPasswordTokenStore(Container users, Container tickets) : IPasswordTokenStore
{
    public async Task AddAsync(PasswordToken token, OutboxMessage mail, CancellationToken cancellationToken = default)
    {
        var document = PasswordTokenDocument.From(token);
        var quiet = new ItemRequestOptions { EnableContentResponseOnWrite = false };
        if (await users.ReadOrNullAsync<PasswordTokenDocument>(document.Id, new PartitionKey(document.Id), cancellationToken) is null)
        {
            await ReplaceEarlierAsync(token, cancellationToken);
            try
            {
                await users.CreateItemAsync(document, new PartitionKey(document.Id), quiet, cancellationToken);
            }
            catch (CosmosException e) when (e.StatusCode == HttpStatusCode.Conflict)
            {
                // A concurrent delivery of the same request stored this link first.
            }
        }

        // Stored already (a redelivered request): its e-mail is put in the outbox again in case the first attempt stopped
        // between the two writes; the message id is the same, and the e-mail goes out once whatever arrives.
        try
        {
            await tickets.CreateItemAsync(OutboxDocument.From(mail), new PartitionKey(mail.TicketId), quiet, cancellationToken);
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            // Queued already.
        }
    }

    private async Task ReplaceEarlierAsync(PasswordToken token, CancellationToken cancellationToken)
    {
        // Few links per account: Cosmos removes them a day after they expire.
        var query = new QueryDefinition("SELECT * FROM c WHERE c.type = @type AND c.userId = @user")
            .WithParameter("@type", DocumentTypes.PasswordToken)
            .WithParameter("@user", token.UserId);
        foreach (var earlier in await users.QueryAllAsync<PasswordTokenDocument>(query, cancellationToken))
        {
            if (earlier.TokenHash == token.TokenHash || earlier.UsedAt is not null || earlier.ReplacedAt is not null) continue;
            try
            {
                await users.PatchItemAsync<PasswordTokenDocument>(earlier.Id, new PartitionKey(earlier.Id),
                    [PatchOperation.Set("/replacedAt", token.CreatedAt)],
                    new PatchItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken);
            }
            catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                // Expired and removed since the query.
            }
        }
    }

    public async Task<PasswordToken?> FindAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        var id = DocumentIds.PasswordToken(tokenHash);
        return (await users.ReadOrNullAsync<PasswordTokenDocument>(id, new PartitionKey(id), cancellationToken))?.Document.ToToken();
    }

    /// <summary>Only a use or a replacement ends a link (as the SQLite store's conditional update): see <see cref="ContainerExtensions.ReplaceWhileAsync{T}"/>.</summary>
    public Task<bool> TryUseAsync(string tokenHash, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        users.ReplaceWhileAsync<PasswordTokenDocument>(DocumentIds.PasswordToken(tokenHash),
            token => token.UsedAt is null && token.ReplacedAt is null, token => token with { UsedAt = at }, cancellationToken);

    public async Task MarkEmailedAsync(string tokenHash, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var id = DocumentIds.PasswordToken(tokenHash);
        var read = await users.ReadOrNullAsync<PasswordTokenDocument>(id, new PartitionKey(id), cancellationToken);
        // Gone (Cosmos removes a link a day after it expired) or recorded already: the first record stands.
        if (read is not { Document: var token, ETag: var etag } || token.EmailedAt is not null) return;

        try
        {
            await users.ReplaceItemAsync(token with { EmailedAt = at }, id, new PartitionKey(id),
                new ItemRequestOptions { IfMatchEtag = etag, EnableContentResponseOnWrite = false }, cancellationToken);
        }
        catch (CosmosException e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            // Changed in between: used (the e-mail no longer matters) or recorded by another delivery.
        }
    }
}
