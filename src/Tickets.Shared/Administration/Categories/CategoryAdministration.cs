using Tickets.Administration.Audit;
using Tickets.Administration.Teams;
using Tickets.Common;
using Tickets.Identity;
using Tickets.Sla.Policies;

namespace Tickets.Administration.Categories;

/// <summary>
/// Categories: everyone signed in lists the active ones (the forms), admins all of them and change them. Each change is
/// written with its audit entry in one atomic write, and this instance's cached categories are dropped at once (other
/// instances read them again within the cache's lifetime).
/// </summary>
public sealed class CategoryAdministration(
    ICategoryStore categories, ITeamStore teams, ISlaPolicyStore policies, CategoryCatalogs catalogs, CurrentUser me, TimeProvider time)
{
    /// <summary>Active ones in order; with <paramref name="all"/> (admins only) inactive ones too.</summary>
    public async Task<Result<CategoryList>> ListAsync(string? all, CancellationToken cancellationToken)
    {
        var everything = false;
        if (!string.IsNullOrEmpty(all) && !bool.TryParse(all, out everything))
            return Error.Field("all", FieldCodes.NotBoolean, "Must be true or false.");
        if (everything && !me.IsAdmin) return Error.Forbidden("Only admins list inactive categories (all=true).");

        var catalog = await catalogs.GetAsync(cancellationToken);
        return new CategoryList([.. (everything ? catalog.All : catalog.Active).Select(c => c.ToView())]);
    }

    public async Task<Result<Category>> GetAsync(string id, CancellationToken cancellationToken) =>
        CategoryRules.IsSlug(id) && await categories.FindAsync(id, cancellationToken) is { } category ? category : Error.NotFound("category");

    public async Task<Result<Category>> CreateAsync(CreateCategoryRequest request, CancellationToken cancellationToken)
    {
        var v = request.Validate();
        await CheckTeamAsync(v, request.TeamId, cancellationToken);
        await CheckPolicyAsync(v, request.SlaPolicyId, cancellationToken);
        if (v.ToError() is { } invalid) return invalid;

        var existing = await categories.ListAsync(cancellationToken);
        var category = new Category
        {
            Id = request.Id!,
            Name = request.Name!.Trim(),
            NameEn = CategoryRules.Optional(request.NameEn),
            Description = CategoryRules.Optional(request.Description),
            TeamId = CategoryRules.Optional(request.TeamId),
            SlaPolicyId = CategoryRules.Optional(request.SlaPolicyId),
            Active = request.Active ?? true,
            Order = request.Order ?? (existing.Count == 0 ? 10 : Math.Min(CategoryRules.OrderMax, existing.Max(c => c.Order) + 10)),
        };
        var now = time.GetUtcNow();
        var created = await categories.CreateAsync(category, Audit("category.created", category, null, category, now), cancellationToken);
        if (created is null)
            return Error.Conflict("duplicate_category", $"A category with id '{category.Id}' exists.", new Dictionary<string, string[]> { ["id"] = ["Is taken."] });
        catalogs.Invalidate();
        return created;
    }

    public async Task<Result<Category>> UpdateAsync(string id, UpdateCategoryRequest request, string? ifMatch, CancellationToken cancellationToken)
    {
        var v = request.Validate();
        await CheckTeamAsync(v, request.TeamId, cancellationToken);
        await CheckPolicyAsync(v, request.SlaPolicyId, cancellationToken);
        if (v.ToError() is { } invalid) return invalid;

        var conditional = ifMatch is not null && ifMatch != "*";
        for (var attempt = 1; ; attempt++)
        {
            var current = CategoryRules.IsSlug(id) ? await categories.FindAsync(id, cancellationToken) : null;
            if (current is null) return Error.NotFound("category");
            if (conditional && current.ETag != ifMatch) return StaleETag;

            var next = current with
            {
                Name = request.Name?.Trim() ?? current.Name,
                NameEn = request.NameEn is null ? current.NameEn : CategoryRules.Optional(request.NameEn),
                Description = request.Description is null ? current.Description : CategoryRules.Optional(request.Description),
                TeamId = request.TeamId is null ? current.TeamId : CategoryRules.Optional(request.TeamId),
                SlaPolicyId = request.SlaPolicyId is null ? current.SlaPolicyId : CategoryRules.Optional(request.SlaPolicyId),
                Active = request.Active ?? current.Active,
                Order = request.Order ?? current.Order,
            };
            if (next == current) return current;

            var saved = await categories.SaveAsync(next, current.ETag, Audit("category.changed", next, current, next, time.GetUtcNow()), cancellationToken);
            if (saved is not null)
            {
                catalogs.Invalidate();
                return saved;
            }

            if (conditional) return StaleETag;
            if (attempt == Contention.MaxAttempts) return Contention.Busy("category");
            await Contention.BackOffAsync(attempt, time, cancellationToken);
        }
    }

    private static Error StaleETag => Error.PreconditionFailed("The category changed since you read it (If-Match no longer matches): read it again.");

    /// <summary>A category routes to an existing team (read from the store: an admin may have just made it on another instance).</summary>
    private async Task CheckTeamAsync(Validator v, string? teamId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(teamId) || v.Has("teamId")) return;
        if (await teams.FindAsync(teamId, cancellationToken) is null) v.Add("teamId", FieldCodes.NotAllowed, "Must be the id of a team.");
    }

    /// <summary>A category names an existing SLA policy (read from the store, like the team).</summary>
    private async Task CheckPolicyAsync(Validator v, string? policyId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(policyId) || v.Has("slaPolicyId")) return;
        if (await policies.FindPolicyAsync(policyId, cancellationToken) is null) v.Add("slaPolicyId", FieldCodes.NotAllowed, "Must be the id of an SLA policy.");
    }

    private AuditEntry Audit(string action, Category target, Category? before, Category? after, DateTimeOffset now) =>
        AuditEntry.Of(new AuditActor(me.Id, me.User.FullName), action, new AuditTarget("category", target.Id, target.Name),
            before?.AuditFields(), after?.AuditFields(), now);
}
