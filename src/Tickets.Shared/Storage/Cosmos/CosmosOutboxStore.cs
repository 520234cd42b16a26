using Microsoft.Azure.Cosmos;
using Tickets.Messaging;

namespace Tickets.Storage.Cosmos;

/// <summary>
/// Pending messages live in their ticket's partition of <c>tickets</c> (so they commit in the change's batch); the relay
/// finds them with one cross-partition query, which only runs on the relay's timer and reads only pending documents.
/// </summary>
public sealed class CosmosOutboxStore(Container tickets) : IOutboxStore
{
    public Task AddAsync(OutboxMessage message, CancellationToken cancellationToken = default) =>
        tickets.CreateItemAsync(OutboxDocument.From(message), new PartitionKey(message.TicketId),
            new ItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken);

    public async Task<IReadOnlyList<OutboxMessage>> ListPendingAsync(DateTimeOffset createdBefore, int limit, CancellationToken cancellationToken = default)
    {
        var query = new QueryDefinition("SELECT TOP @take * FROM c WHERE c.type = @type AND c.createdAt <= @before ORDER BY c.createdAt")
            .WithParameter("@take", limit)
            .WithParameter("@type", TicketDocumentTypes.Outbox)
            .WithParameter("@before", SortableTime.Of(createdBefore));
        return (await tickets.QueryAllAsync<OutboxDocument>(query, cancellationToken)).Select(d => d.ToMessage()).ToList();
    }

    /// <summary>Each message lives in its ticket's partition: one point delete each, all at once.</summary>
    public Task RemoveAsync(IReadOnlyCollection<OutboxMessage> messages, CancellationToken cancellationToken = default) =>
        Task.WhenAll(messages.Select(message => tickets.DeleteIfExistsAsync("outbox:" + message.Id, new PartitionKey(message.TicketId), cancellationToken)));
}
