using System.Globalization;
using System.Net;
using Microsoft.Azure.Cosmos;
using Tickets.Common;
using Tickets.Notifications;

namespace Tickets.Storage.Cosmos;

/// <summary>
/// Notifications in <c>notifications</c>, one logical partition per recipient: the inbox page, the unread count and
/// the reads are partition-scoped queries and point operations. Documents expire with the container's TTL.
/// </summary>
public sealed class CosmosNotificationStore(Container notifications) : INotificationStore
{
    public async Task<Notification> AddAsync(Notification notification, CancellationToken cancellationToken = default)
    {
        var key = new PartitionKey(notification.RecipientId);
        try
        {
            var created = await notifications.CreateItemAsync(NotificationDocument.From(notification), key, cancellationToken: cancellationToken);
            return created.Resource.ToNotification();
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            // Delivered before: the stored one (with its read and e-mail times) is the answer.
            var stored = await notifications.ReadOrNullAsync<NotificationDocument>(notification.Id, key, cancellationToken);
            return stored?.Document.ToNotification() ?? throw new InvalidOperationException($"Notification {notification.Id} conflicted but cannot be read.", e);
        }
    }

    public async Task<Notification?> FindAsync(string recipientId, string id, CancellationToken cancellationToken = default) =>
        (await notifications.ReadOrNullAsync<NotificationDocument>(id, new PartitionKey(recipientId), cancellationToken))?.Document.ToNotification();

    public async Task<Page<Notification>> ListAsync(string recipientId, bool unreadOnly, PageRequest page, CancellationToken cancellationToken = default)
    {
        var text = "SELECT TOP @take * FROM c WHERE c.recipientId = @recipient"
            + (unreadOnly ? " AND IS_NULL(c.readAt)" : "");
        var parameters = new List<(string, object)> { ("@take", page.Take), ("@recipient", recipientId) };
        if (Cursor.TryDecode(page.Cursor, 2, out var after) && after.Count == 2)
        {
            text += " AND (c.createdAt < @afterCreated OR (c.createdAt = @afterCreated AND c.id < @afterId))";
            parameters.Add(("@afterCreated", SortableTime.Of(new DateTimeOffset(long.Parse(after[0]!, CultureInfo.InvariantCulture), TimeSpan.Zero))));
            parameters.Add(("@afterId", after[1] ?? ""));
        }

        var query = new QueryDefinition(text + " ORDER BY c.createdAt DESC, c.id DESC");
        foreach (var (name, value) in parameters) query.WithParameter(name, value);
        var documents = await notifications.QueryAllAsync<NotificationDocument>(query, cancellationToken,
            new QueryRequestOptions { PartitionKey = new PartitionKey(recipientId) });

        return Page.OfOneExtra(documents.Select(d => d.ToNotification()).ToList(), page, n => n.ListKey());
    }

    public async Task<int> CountUnreadAsync(string recipientId, CancellationToken cancellationToken = default)
    {
        var query = new QueryDefinition("SELECT VALUE COUNT(1) FROM c WHERE c.recipientId = @recipient AND IS_NULL(c.readAt)")
            .WithParameter("@recipient", recipientId);
        var counts = await notifications.QueryAllAsync<int>(query, cancellationToken, new QueryRequestOptions { PartitionKey = new PartitionKey(recipientId) });
        return counts.Sum();
    }

    public async Task<bool> MarkReadAsync(string recipientId, string id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var stored = await FindAsync(recipientId, id, cancellationToken);
        if (stored is null) return false;
        if (stored.ReadAt is null) await PatchAsync(recipientId, id, "/readAt", at, cancellationToken);
        return true;
    }

    public async Task MarkAllReadAsync(string recipientId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var query = new QueryDefinition("SELECT VALUE c.id FROM c WHERE c.recipientId = @recipient AND IS_NULL(c.readAt)")
            .WithParameter("@recipient", recipientId);
        var unread = await notifications.QueryAllAsync<string>(query, cancellationToken, new QueryRequestOptions { PartitionKey = new PartitionKey(recipientId) });
        foreach (var id in unread) await PatchAsync(recipientId, id, "/readAt", at, cancellationToken);
    }

    public Task MarkEmailedAsync(string recipientId, string id, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        PatchAsync(recipientId, id, "/emailedAt", at, cancellationToken);

    public async Task<IReadOnlyList<Notification>> ListEmailPendingAsync(string recipientId, string ticketId, CancellationToken cancellationToken = default)
    {
        var query = new QueryDefinition("""
            SELECT * FROM c WHERE c.recipientId = @recipient AND c.ticketId = @ticket
                AND IS_DEFINED(c.emailDueAt) AND NOT IS_NULL(c.emailDueAt) AND (NOT IS_DEFINED(c.emailedAt) OR IS_NULL(c.emailedAt))
            ORDER BY c.createdAt, c.id
            """).WithParameter("@recipient", recipientId).WithParameter("@ticket", ticketId);
        var documents = await notifications.QueryAllAsync<NotificationDocument>(query, cancellationToken,
            new QueryRequestOptions { PartitionKey = new PartitionKey(recipientId) });
        return documents.Select(d => d.ToNotification()).ToList();
    }

    /// <summary>One recipient's partition: a digest reads only its own person's pending e-mail.</summary>
    public async Task<IReadOnlyList<Notification>> ListEmailDueAsync(string recipientId, DateTimeOffset dueBy, int max, CancellationToken cancellationToken = default)
    {
        var query = new QueryDefinition("""
            SELECT TOP @max * FROM c WHERE c.recipientId = @recipient
                AND IS_DEFINED(c.emailDueAt) AND NOT IS_NULL(c.emailDueAt) AND c.emailDueAt <= @dueBy
                AND (NOT IS_DEFINED(c.emailedAt) OR IS_NULL(c.emailedAt))
            ORDER BY c.createdAt, c.id
            """).WithParameter("@recipient", recipientId).WithParameter("@dueBy", SortableTime.Of(dueBy)).WithParameter("@max", max);
        var documents = await notifications.QueryAllAsync<NotificationDocument>(query, cancellationToken,
            new QueryRequestOptions { PartitionKey = new PartitionKey(recipientId) });
        return documents.Select(d => d.ToNotification()).ToList();
    }

    /// <summary>Across recipients' partitions: run by the sweep only, over the few notifications whose e-mail is overdue.</summary>
    public async Task<IReadOnlyList<PendingEmail>> ListEmailOverdueAsync(DateTimeOffset dueBefore, int max, CancellationToken cancellationToken = default)
    {
        var query = new QueryDefinition("""
            SELECT c.recipientId, c.ticketId, c.emailDueAt FROM c
            WHERE IS_DEFINED(c.emailDueAt) AND NOT IS_NULL(c.emailDueAt) AND c.emailDueAt < @before
                AND (NOT IS_DEFINED(c.emailedAt) OR IS_NULL(c.emailedAt))
            """).WithParameter("@before", SortableTime.Of(dueBefore));
        var rows = await notifications.QueryAllAsync<OverdueRow>(query, cancellationToken);
        return rows.OrderBy(r => r.EmailDueAt, StringComparer.Ordinal)
            .Select(r => new PendingEmail(r.RecipientId, r.TicketId)).Distinct().Take(max).ToList();
    }

    private sealed record OverdueRow(string RecipientId, string TicketId, string EmailDueAt);

    private async Task PatchAsync(string recipientId, string id, string path, DateTimeOffset at, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await notifications.PatchItemStreamAsync(id, new PartitionKey(recipientId), [PatchOperation.Set(path, at)],
                cancellationToken: cancellationToken);
            if (response.StatusCode != HttpStatusCode.NotFound) response.EnsureSuccessStatusCode();
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            // Expired by TTL in between: nothing left to mark.
        }
    }
}
