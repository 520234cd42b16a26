using System.Net;
using System.Text;
using Microsoft.Azure.Cosmos;
using Tickets.Administration.Audit;
using Tickets.Common;
using Tickets.Storage.Cosmos.Administration;
using Tickets.Users;
using User = Tickets.Users.User;

namespace Tickets.Storage.Cosmos;

/// <summary>
/// Users in the <c>users</c> container (partition key <c>/id</c>). E-mail and DNI are unique through claim
/// documents whose id is the normalised value: created before the user, removed again if the user is not.
/// Lookups by id and by e-mail are point reads; lists are keyset-paged queries over <c>sortName, id</c>. An admin's change
/// writes its audit entries inside the user document, and <paramref name="relay"/> delivers them to the log right after.
/// </summary>
internal sealed class CosmosUserStore(Container users, CosmosAuditRelay relay) : IUserStore
{
    public async Task<User?> FindByIdAsync(string id, CancellationToken cancellationToken = default) =>
        (await ReadUserAsync(id, cancellationToken))?.Document.ToUser();

    public async Task<User?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken = default)
    {
        var claimId = DocumentIds.EmailClaim(normalizedEmail);
        var claim = await users.ReadOrNullAsync<ClaimDocument>(claimId, new PartitionKey(claimId), cancellationToken);
        if (claim is null) return null;

        // A claim whose user is missing belongs to a create still in flight (or one that failed): no user yet.
        var user = await ReadUserAsync(claim.Value.Document.UserId, cancellationToken);
        return user?.Document.Email == normalizedEmail ? user.Value.Document.ToUser() : null;
    }

    public async Task<User?> FindByDniAsync(string dni, CancellationToken cancellationToken = default)
    {
        var claimId = DocumentIds.DniClaim(dni);
        var claim = await users.ReadOrNullAsync<ClaimDocument>(claimId, new PartitionKey(claimId), cancellationToken);
        if (claim is null) return null;

        // As for e-mails: a claim whose user is missing belongs to a create in flight or one that failed.
        var user = await ReadUserAsync(claim.Value.Document.UserId, cancellationToken);
        return user?.Document.Dni == dni ? user.Value.Document.ToUser() : null;
    }

    public async Task<UserWrite> CreateAsync(User user, AuditEntry? audit = null, CancellationToken cancellationToken = default)
    {
        var claimed = new List<string>(2);
        var document = UserDocument.From(user, version: 1) with { PendingAudit = audit is null ? null : [audit] };
        string etag;
        try
        {
            if (!await TryClaimAsync(DocumentIds.EmailClaim(user.Email), DocumentTypes.EmailClaim, user.Id, claimed, cancellationToken))
                return UserWrite.DuplicateEmail;
            if (!await TryClaimAsync(DocumentIds.DniClaim(user.Dni), DocumentTypes.DniClaim, user.Id, claimed, cancellationToken))
            {
                await ReleaseAsync(claimed, cancellationToken);
                return UserWrite.DuplicateDni;
            }

            etag = (await users.CreateItemAsync(document, new PartitionKey(user.Id), NoContent, cancellationToken))?.ETag ?? "";
        }
        catch (Exception)
        {
            // Whatever failed (an id clash, throttling past the retries, cancellation), the claims must not outlive it.
            await ReleaseAsync(claimed, CancellationToken.None);
            throw;
        }

        if (audit is not null) await relay.DeliverAsync(document, etag, cancellationToken);
        return UserWrite.Done;
    }

    public async Task<UserWrite> UpdateAsync(User user, IReadOnlyList<AuditEntry>? audit = null, CancellationToken cancellationToken = default)
    {
        var stored = await ReadUserAsync(user.Id, cancellationToken);
        if (stored is null) return UserWrite.NotFound;
        var (current, etag) = stored.Value;
        if (current.Version != user.Version) return UserWrite.VersionConflict;

        // Cosmos cannot count and write in one step across partitions: the check is a query just before the
        // conditional write, so two admins demoting each other at the same instant could both succeed (see ADR).
        if (current.Active && current.Role == Role.Admin && !user.IsActiveAdmin && !await AnyOtherActiveAdminAsync(user.Id, cancellationToken))
            return UserWrite.LastActiveAdmin;

        // E-mail and DNI are immutable once claimed: the stored ones are kept. Entries still pending (their delivery
        // failed or raced) ride along with this change's own and are delivered with them.
        IReadOnlyList<AuditEntry> pending = [.. current.PendingAudit ?? [], .. audit ?? []];
        var replacement = UserDocument.From(user with { Email = current.Email, Dni = current.Dni }, current.Version + 1) with
        {
            PendingAudit = pending.Count == 0 ? null : pending,
        };
        string written;
        try
        {
            written = (await users.ReplaceItemAsync(replacement, user.Id, new PartitionKey(user.Id),
                new ItemRequestOptions { IfMatchEtag = etag, EnableContentResponseOnWrite = false }, cancellationToken))?.ETag ?? "";
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            return UserWrite.VersionConflict;
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return UserWrite.NotFound;
        }

        if (replacement.PendingAudit is not null) await relay.DeliverAsync(replacement, written, cancellationToken);
        return UserWrite.Done;
    }

    public async Task<Page<User>> ListAsync(UserQuery query, CancellationToken cancellationToken = default)
    {
        var where = new StringBuilder("c.type = @type");
        var parameters = new List<(string Name, object Value)> { ("@type", DocumentTypes.User) };

        if (query.Roles.Count > 0)
        {
            where.Append(" AND ARRAY_CONTAINS(@roles, c.role)");
            parameters.Add(("@roles", query.Roles.Select(Json.EnumName).ToArray()));
        }

        if (query.Active is { } active)
        {
            where.Append(" AND c.active = @active");
            parameters.Add(("@active", active));
        }

        if (query.Department is { } department)
        {
            where.Append(" AND c.departmentKey = @department");
            parameters.Add(("@department", department.ToLowerInvariant()));
        }

        if (query.Search is { } search)
        {
            where.Append(" AND CONTAINS(c.searchText, @search)");
            parameters.Add(("@search", Text.Fold(search)));
        }

        long? total = null;
        if (query.Page.IncludeTotal)
        {
            var count = await users.QueryAllAsync<long>(Sql($"SELECT VALUE COUNT(1) FROM c WHERE {where}", parameters), cancellationToken);
            total = count.SingleOrDefault();
        }

        if (query.Page.Cursor is not null && Cursor.TryDecode(query.Page.Cursor, 2, out var key))
        {
            where.Append(" AND (c.sortName > @afterSort OR (c.sortName = @afterSort AND c.id > @afterId))");
            parameters.Add(("@afterSort", key[0] ?? string.Empty));
            parameters.Add(("@afterId", key[1] ?? string.Empty));
        }

        parameters.Add(("@take", query.Page.Take));
        var documents = await users.QueryAllAsync<UserDocument>(
            Sql($"SELECT TOP @take * FROM c WHERE {where} ORDER BY c.sortName, c.id", parameters), cancellationToken);

        return Page.OfOneExtra(documents.Select(d => d.ToUser()).ToList(), query.Page, u => u.ListKey(), total);
    }

    public async Task<bool> AnyActiveAdminAsync(CancellationToken cancellationToken = default) =>
        await AnyOtherActiveAdminAsync(exceptId: null, cancellationToken);

    public async Task<IReadOnlyList<User>> ListActiveByRoleAsync(IReadOnlyList<Role> roles, CancellationToken cancellationToken = default)
    {
        var documents = await users.QueryAllAsync<UserDocument>(Sql(
            "SELECT * FROM c WHERE c.type = @type AND c.active = true AND ARRAY_CONTAINS(@roles, c.role) ORDER BY c.sortName, c.id",
            [("@type", DocumentTypes.User), ("@roles", roles.Select(Json.EnumName).ToArray())]), cancellationToken);
        return documents.Select(d => d.ToUser()).ToList();
    }

    private static readonly ItemRequestOptions NoContent = new() { EnableContentResponseOnWrite = false };

    private async Task<(UserDocument Document, string ETag)?> ReadUserAsync(string id, CancellationToken cancellationToken)
    {
        var read = await users.ReadOrNullAsync<UserDocument>(id, new PartitionKey(id), cancellationToken);
        return read is { Document.Type: DocumentTypes.User } ? read : null;
    }

    private async Task<bool> AnyOtherActiveAdminAsync(string? exceptId, CancellationToken cancellationToken)
    {
        var sql = "SELECT TOP 1 VALUE c.id FROM c WHERE c.type = @type AND c.role = @role AND c.active = true"
            + (exceptId is null ? string.Empty : " AND c.id != @except");
        var parameters = new List<(string, object)> { ("@type", DocumentTypes.User), ("@role", Json.EnumName(Role.Admin)) };
        if (exceptId is not null) parameters.Add(("@except", exceptId));
        return (await users.QueryAllAsync<string>(Sql(sql, parameters), cancellationToken)).Count > 0;
    }

    private async Task<bool> TryClaimAsync(string claimId, string type, string userId, List<string> claimed, CancellationToken cancellationToken)
    {
        try
        {
            await users.CreateItemAsync(new ClaimDocument(claimId, type, userId), new PartitionKey(claimId), NoContent, cancellationToken);
            claimed.Add(claimId);
            return true;
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }
    }

    private async Task ReleaseAsync(List<string> claimed, CancellationToken cancellationToken)
    {
        foreach (var claimId in claimed)
            await users.DeleteIfExistsAsync(claimId, new PartitionKey(claimId), cancellationToken);
        claimed.Clear();
    }

    private static QueryDefinition Sql(string text, IEnumerable<(string Name, object Value)> parameters)
    {
        var definition = new QueryDefinition(text);
        foreach (var (name, value) in parameters) definition.WithParameter(name, value);
        return definition;
    }
}
