using System.Net;
using Microsoft.Azure.Cosmos;
using Tickets.Administration.Audit;
using Tickets.Administration.Teams;

namespace Tickets.Storage.Cosmos.Administration;

/// <summary>
/// Teams in the configuration partition of the <c>admin</c> container: a change and its audit entry are one transactional
/// batch; the list is a single-partition query; each team's turn is a patch-incremented counter document beside it.
/// </summary>
public sealed class CosmosTeamStore(Container admin, TimeSpan auditRetention) : ITeamStore
{
    private static readonly PartitionKey Config = new(AdminPartitions.Config);
    private static readonly TransactionalBatchItemRequestOptions NoBatchContent = new() { EnableContentResponseOnWrite = false };
    private const int CounterAttempts = 10;

    public async Task<IReadOnlyList<Team>> ListAsync(CancellationToken cancellationToken = default)
    {
        var documents = await admin.QueryAllAsync<TeamDocument>(
            new QueryDefinition("SELECT * FROM c WHERE c.type = @type").WithParameter("@type", TeamDocument.DocumentType),
            cancellationToken, new QueryRequestOptions { PartitionKey = Config });
        return [.. documents.Select(d => d.ToTeam(d.ETag ?? ""))
            .OrderBy(t => t.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(t => t.Id, StringComparer.Ordinal)];
    }

    public async Task<Team?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        var read = await admin.ReadOrNullAsync<TeamDocument>(TeamDocument.IdOf(id), Config, cancellationToken);
        return read is { Document: { Type: TeamDocument.DocumentType } document, ETag: var etag } ? document.ToTeam(etag) : null;
    }

    public async Task<Team> CreateAsync(Team team, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        using var response = await admin.CreateTransactionalBatch(Config)
            .CreateItem(TeamDocument.From(team), NoBatchContent)
            .CreateItem(AuditDocument.From(audit, auditRetention), NoBatchContent)
            .ExecuteAsync(cancellationToken);
        if (!response.IsSuccessStatusCode) throw CosmosConfig.Failure(response, "team create", team.Id);
        return team with { ETag = CosmosETag.Unquote(response[0].ETag) };
    }

    public async Task<Team?> SaveAsync(Team team, string expectedETag, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        using var response = await admin.CreateTransactionalBatch(Config)
            .ReplaceItem(TeamDocument.IdOf(team.Id), TeamDocument.From(team), CosmosConfig.IfMatch(expectedETag))
            .CreateItem(AuditDocument.From(audit, auditRetention), NoBatchContent)
            .ExecuteAsync(cancellationToken);
        if (response.IsSuccessStatusCode) return team with { ETag = CosmosETag.Unquote(response[0].ETag) };
        if (response.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound) return null;
        throw CosmosConfig.Failure(response, "team save", team.Id);
    }

    public async Task<bool> DeleteAsync(string id, string expectedETag, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        using var response = await admin.CreateTransactionalBatch(Config)
            .DeleteItem(TeamDocument.IdOf(id), CosmosConfig.IfMatch(expectedETag))
            .CreateItem(AuditDocument.From(audit, auditRetention), NoBatchContent)
            .ExecuteAsync(cancellationToken);
        if (response.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound) return false;
        if (!response.IsSuccessStatusCode) throw CosmosConfig.Failure(response, "team delete", id);
        // The turn outlives nothing it matters to; removed after the batch (it may never have been made, so it cannot join it).
        await admin.DeleteIfExistsAsync(TurnDocument.IdOf(id), Config, cancellationToken);
        return true;
    }

    /// <summary>Patch-increment (atomic on the server); the first turn creates the document, and a lost creation race patches again.</summary>
    public async Task<long> NextTurnAsync(string teamId, CancellationToken cancellationToken = default)
    {
        var id = TurnDocument.IdOf(teamId);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var response = await admin.PatchItemAsync<TurnDocument>(id, Config, [PatchOperation.Increment("/value", 1)], cancellationToken: cancellationToken);
                return response.Resource.Value;
            }
            catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                try
                {
                    await admin.CreateItemAsync(new TurnDocument(id, AdminPartitions.Config, TurnDocument.DocumentType, 1), Config,
                        new ItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken);
                    return 1;
                }
                catch (CosmosException c) when (c.StatusCode == HttpStatusCode.Conflict && attempt < CounterAttempts)
                {
                    // Another instance created it first: increment theirs.
                }
            }
        }
    }
}

/// <summary>What the configuration stores share.</summary>
internal static class CosmosConfig
{
    public static TransactionalBatchItemRequestOptions IfMatch(string etag) =>
        new() { IfMatchEtag = CosmosETag.Quote(etag), EnableContentResponseOnWrite = false };

    /// <summary>A failed batch: a busy store as everywhere else (<see cref="CosmosBusyHandler"/>); anything else stays unexpected.</summary>
    public static Exception Failure(TransactionalBatchResponse response, string operation, string id) =>
        CosmosBusyHandler.IsBusy(response.StatusCode)
            ? CosmosBusyHandler.Unavailable(response.StatusCode, response.RetryAfter)
            : new InvalidOperationException(
                $"Configuration {operation} batch for {id} failed with {(int)response.StatusCode} (activity {response.ActivityId}): {response.ErrorMessage}");
}
