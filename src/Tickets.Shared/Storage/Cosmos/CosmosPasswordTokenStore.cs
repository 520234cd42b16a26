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
/// </summary>
public sealed class CosmosPasswordTokenStore(Container users, Container tickets) : IPasswordTokenStore
{
    public async Task AddAsync(PasswordToken token, OutboxMessage mail, CancellationToken cancellationToken = default)
    {
        var document = PasswordTokenDocument.From(token);
        var quiet = new ItemRequestOptions { EnableContentResponseOnWrite = false };
        await users.CreateItemAsync(document, new PartitionKey(document.Id), quiet, cancellationToken);
        await tickets.CreateItemAsync(OutboxDocument.From(mail), new PartitionKey(mail.TicketId), quiet, cancellationToken);
    }

    public async Task<PasswordToken?> FindAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        var id = DocumentIds.PasswordToken(tokenHash);
        return (await users.ReadOrNullAsync<PasswordTokenDocument>(id, new PartitionKey(id), cancellationToken))?.Document.ToToken();
    }

    public async Task<bool> TryUseAsync(string tokenHash, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var id = DocumentIds.PasswordToken(tokenHash);
        var read = await users.ReadOrNullAsync<PasswordTokenDocument>(id, new PartitionKey(id), cancellationToken);
        if (read is not { Document: var token, ETag: var etag } || token.UsedAt is not null) return false;

        try
        {
            await users.ReplaceItemAsync(token with { UsedAt = at }, id, new PartitionKey(id),
                new ItemRequestOptions { IfMatchEtag = etag, EnableContentResponseOnWrite = false }, cancellationToken);
            return true;
        }
        catch (CosmosException e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            // Used by someone else between our read and write (or it expired and is gone).
            return false;
        }
    }

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
