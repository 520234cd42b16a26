using System.Text;
using Microsoft.Azure.Cosmos;
using Tickets.Administration.Audit;
using Tickets.Common;

namespace Tickets.Storage.Cosmos.Administration;

/// <summary>
/// The admin audit log in the <c>admin</c> container's "config" partition (<see cref="AuditDocument"/>): lists are
/// single-partition queries ordered by the <c>(at, id)</c> composite index in reverse; retention is each document's ttl.
/// The sweep delivers entries a crash left inside user documents (see <see cref="CosmosAuditRelay"/>).
/// </summary>
internal sealed class CosmosAuditStore(Container admin, Container users, CosmosAuditRelay relay) : IAuditStore
{
    private static readonly QueryRequestOptions ConfigPartition = new() { PartitionKey = new PartitionKey(AdminPartitions.Config) };

    public async Task<Page<AuditEntry>> ListAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        var where = new StringBuilder("c.type = @type");
        var parameters = new List<(string Name, object Value)> { ("@type", AuditDocument.DocumentType) };

        if (query.ActorId is { } actor)
        {
            where.Append(" AND c.actor.id = @actor");
            parameters.Add(("@actor", actor));
        }

        if (query.Actions.Count > 0)
        {
            where.Append(" AND ARRAY_CONTAINS(@actions, c.action)");
            parameters.Add(("@actions", query.Actions.ToArray()));
        }

        if (query.TargetTypes.Count > 0)
        {
            where.Append(" AND ARRAY_CONTAINS(@targetTypes, c.target.type)");
            parameters.Add(("@targetTypes", query.TargetTypes.ToArray()));
        }

        if (query.TargetId is { } targetId)
        {
            where.Append(" AND c.target.id = @targetId");
            parameters.Add(("@targetId", targetId));
        }

        if (query.From is { } from)
        {
            where.Append(" AND c.at >= @from");
            parameters.Add(("@from", SortableTime.Of(from)));
        }

        if (query.To is { } to)
        {
            where.Append(" AND c.at <= @to");
            parameters.Add(("@to", SortableTime.Of(to)));
        }

        if (AuditQuery.TryReadKey(query.Page.Cursor, out var afterAt, out var afterId))
        {
            where.Append(" AND (c.at < @afterAt OR (c.at = @afterAt AND c.id < @afterId))");
            parameters.Add(("@afterAt", SortableTime.Of(afterAt)));
            parameters.Add(("@afterId", AuditDocument.IdOf(afterId)));
        }

        parameters.Add(("@take", query.Page.Take));
        var definition = new QueryDefinition($"SELECT TOP @take * FROM c WHERE {where} ORDER BY c.at DESC, c.id DESC");
        foreach (var (name, value) in parameters) definition.WithParameter(name, value);
        var documents = await admin.QueryAllAsync<AuditDocument>(definition, cancellationToken, ConfigPartition);
        return Page.OfOneExtra(documents.Select(d => d.ToEntry()).ToList(), query.Page, AuditQuery.KeyOf);
    }

    /// <summary>Cosmos expires entries by their ttl; what is left to do is delivering the entries crashes left in user documents.</summary>
    public async Task<AuditSweep> SweepAsync(DateTimeOffset expiredBefore, CancellationToken cancellationToken = default)
    {
        // Rare (a crash between a user's write and the copy, or a failed copy) and few: one query across the users' partitions.
        var pending = await users.QueryAllAsync<string>(new QueryDefinition(
            "SELECT VALUE c.id FROM c WHERE c.type = @type AND IS_DEFINED(c.pendingAudit)").WithParameter("@type", DocumentTypes.User), cancellationToken);
        var relayed = 0;
        foreach (var id in pending)
        {
            if (await users.ReadOrNullAsync<UserDocument>(id, new PartitionKey(id), cancellationToken) is { } read)
                relayed += await relay.DeliverAsync(read.Document, read.ETag, cancellationToken);
        }

        return new AuditSweep(Removed: 0, relayed);
    }
}
