using System.Net;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Options;
using Tickets.Administration.Audit;
using Tickets.Sla.Policies;

namespace Tickets.Storage.Cosmos.Administration;

/// <summary>
/// SLA policies and calendars in the <c>admin</c> container's <c>config</c> partition: a head per policy, a document per
/// kept version, a document per calendar. Every write, its audit entries included, is one transactional batch (at most
/// 100 operations: a calendar change re-versions up to 32 policies at once); reads are single-partition.
/// </summary>
internal sealed class CosmosSlaPolicyStore(Container admin, IOptions<AuditOptions> audit) : ISlaPolicyStore
{
    private static readonly PartitionKey Config = new(AdminPartitions.Config);
    private static readonly TransactionalBatchItemRequestOptions NoContent = new() { EnableContentResponseOnWrite = false };

    public async Task<IReadOnlyList<StoredSlaPolicy>> ListPoliciesAsync(CancellationToken cancellationToken) =>
        [.. (await admin.QueryAllAsync<SlaPolicyDocument>(OfType(SlaPolicyDocument.DocumentType), cancellationToken, InConfig))
            .OrderBy(d => d.Policy.Id, StringComparer.Ordinal).Select(d => d.ToStored(d.ETag!))];

    public async Task<StoredSlaPolicy?> FindPolicyAsync(string id, CancellationToken cancellationToken) =>
        await admin.ReadOrNullAsync<SlaPolicyDocument>(SlaPolicyDocument.IdOf(id), Config, cancellationToken) is { } read
            ? read.Document.ToStored(read.ETag)
            : null;

    public async Task<SlaPolicyVersion?> FindVersionAsync(string id, int version, CancellationToken cancellationToken) =>
        (await admin.ReadOrNullAsync<SlaPolicyVersionDocument>(SlaPolicyVersionDocument.IdOf(id, version), Config, cancellationToken))?.Document.Policy;

    public async Task<bool> CreatePolicyAsync(SlaPolicyVersion first, bool isDefault, AuditEntry entry, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var batch = admin.CreateTransactionalBatch(Config);
            await ClearDefaultAsync(batch, isDefault, first.Id, cancellationToken);
            batch.CreateItem(SlaPolicyDocument.From(first, isDefault), NoContent)
                .CreateItem(SlaPolicyVersionDocument.From(first), NoContent)
                .CreateItem(AuditDocument.From(entry, audit.Value.Retention), NoContent);
            using var response = await batch.ExecuteAsync(cancellationToken);
            if (response.IsSuccessStatusCode) return true;
            if (response.StatusCode == HttpStatusCode.Conflict) return false;
            // 412: the previous default changed while it was being replaced; read it again.
            if (response.StatusCode != HttpStatusCode.PreconditionFailed || attempt == 3) throw Failure(response, "create policy", first.Id);
        }
    }

    public async Task<StoredSlaPolicy?> SavePolicyAsync(SlaPolicyVersion next, bool isDefault, string expectedETag, AuditEntry entry, CancellationToken cancellationToken)
    {
        var batch = admin.CreateTransactionalBatch(Config);
        var head = await ClearDefaultAsync(batch, isDefault, next.Id, cancellationToken);
        Revise(batch, new PolicyRevision(next, isDefault, expectedETag));
        batch.CreateItem(AuditDocument.From(entry, audit.Value.Retention), NoContent);
        using var response = await batch.ExecuteAsync(cancellationToken);
        if (response.IsSuccessStatusCode) return new StoredSlaPolicy(next, isDefault, CosmosETag.Unquote(response[head].ETag));
        if (response.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict or HttpStatusCode.NotFound) return null;
        throw Failure(response, "save policy", next.Id);
    }

    public async Task<IReadOnlyList<StoredCalendar>> ListCalendarsAsync(CancellationToken cancellationToken) =>
        [.. (await admin.QueryAllAsync<CalendarDocument>(OfType(CalendarDocument.DocumentType), cancellationToken, InConfig))
            .OrderBy(d => d.Calendar.Id, StringComparer.Ordinal).Select(d => d.ToStored(d.ETag!))];

    public async Task<StoredCalendar?> FindCalendarAsync(string id, CancellationToken cancellationToken) =>
        await admin.ReadOrNullAsync<CalendarDocument>(CalendarDocument.IdOf(id), Config, cancellationToken) is { } read
            ? read.Document.ToStored(read.ETag)
            : null;

    public async Task<bool> CreateCalendarAsync(CalendarDefinition calendar, DateTimeOffset at, AuditEntry entry, CancellationToken cancellationToken)
    {
        using var response = await admin.CreateTransactionalBatch(Config)
            .CreateItem(CalendarDocument.From(calendar, at), NoContent)
            .CreateItem(AuditDocument.From(entry, audit.Value.Retention), NoContent)
            .ExecuteAsync(cancellationToken);
        if (response.IsSuccessStatusCode) return true;
        if (response.StatusCode == HttpStatusCode.Conflict) return false;
        throw Failure(response, "create calendar", calendar.Id);
    }

    public async Task<StoredCalendar?> SaveCalendarAsync(
        CalendarDefinition calendar, DateTimeOffset at, string expectedETag, IReadOnlyList<PolicyRevision> revisions, IReadOnlyList<AuditEntry> entries,
        CancellationToken cancellationToken)
    {
        var batch = admin.CreateTransactionalBatch(Config)
            .ReplaceItem(CalendarDocument.IdOf(calendar.Id), CalendarDocument.From(calendar, at),
                new TransactionalBatchItemRequestOptions { IfMatchEtag = CosmosETag.Quote(expectedETag), EnableContentResponseOnWrite = false });
        foreach (var revision in revisions) Revise(batch, revision);
        foreach (var entry in entries) batch.CreateItem(AuditDocument.From(entry, audit.Value.Retention), NoContent);
        using var response = await batch.ExecuteAsync(cancellationToken);
        if (response.IsSuccessStatusCode) return new StoredCalendar(calendar, CosmosETag.Unquote(response[0].ETag), at);
        if (response.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict or HttpStatusCode.NotFound) return null;
        throw Failure(response, "save calendar", calendar.Id);
    }

    public async Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken) =>
        await admin.CreateItemAsync(AuditDocument.From(entry, audit.Value.Retention), Config,
            new ItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken);

    /// <summary>Adds the head's replacement (if still at its tag) and the new version to the batch.</summary>
    private static void Revise(TransactionalBatch batch, PolicyRevision revision) =>
        batch.ReplaceItem(SlaPolicyDocument.IdOf(revision.Next.Id), SlaPolicyDocument.From(revision.Next, revision.IsDefault),
                new TransactionalBatchItemRequestOptions { IfMatchEtag = CosmosETag.Quote(revision.ExpectedETag), EnableContentResponseOnWrite = false })
            .CreateItem(SlaPolicyVersionDocument.From(revision.Next), NoContent);

    /// <summary>
    /// Adds to the batch the replacement of the current default (another policy than <paramref name="newDefault"/>) as not
    /// default; returns how many operations it added.
    /// </summary>
    private async Task<int> ClearDefaultAsync(TransactionalBatch batch, bool isDefault, string newDefault, CancellationToken cancellationToken)
    {
        if (!isDefault) return 0;
        var count = 0;
        foreach (var current in await admin.QueryAllAsync<SlaPolicyDocument>(
            new QueryDefinition("SELECT * FROM c WHERE c.type = @type AND c.isDefault = true AND c.policy.id != @id")
                .WithParameter("@type", SlaPolicyDocument.DocumentType).WithParameter("@id", newDefault), cancellationToken, InConfig))
        {
            batch.ReplaceItem(current.Id, current with { IsDefault = false, ETag = null },
                new TransactionalBatchItemRequestOptions { IfMatchEtag = CosmosETag.Quote(current.ETag!), EnableContentResponseOnWrite = false });
            count++;
        }

        return count;
    }

    private static QueryRequestOptions InConfig => new() { PartitionKey = Config };

    private static QueryDefinition OfType(string type) =>
        new QueryDefinition("SELECT * FROM c WHERE c.type = @type").WithParameter("@type", type);

    private static Exception Failure(TransactionalBatchResponse response, string operation, string id) =>
        CosmosBusyHandler.IsBusy(response.StatusCode)
            ? CosmosBusyHandler.Unavailable(response.StatusCode, response.RetryAfter)
            : new InvalidOperationException(
                $"SLA {operation} batch for {id} failed with {(int)response.StatusCode} (activity {response.ActivityId}): {response.ErrorMessage}");
}
