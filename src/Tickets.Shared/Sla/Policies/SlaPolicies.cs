using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Tickets.Administration;

namespace Tickets.Sla.Policies;

/// <summary>
/// The SLA policy versions tickets run on, read from the store. New tickets get the newest version of their policy (the
/// list of policies read through a <see cref="StoreCache{T}"/>, so a create does not read the store in the steady state);
/// a ticket's own version is read once and kept for good, since versions never change.
/// </summary>
public sealed class SlaPolicies(ISlaPolicyStore store, StoreCache<SlaPolicyCatalog> catalog, SlaPolicy settingsPolicy, IOptions<SlaOptions> options)
{
    private readonly ConcurrentDictionary<string, SlaPolicy> _versions = new(StringComparer.Ordinal);

    /// <summary>The newest version of <paramref name="policyId"/>; null or unknown: of the default policy.</summary>
    public async Task<SlaPolicy> ForNewTicketAsync(string? policyId, CancellationToken cancellationToken)
    {
        var policies = await CatalogAsync(cancellationToken);
        var chosen = policies.Policies.FirstOrDefault(p => p.Newest.Id == policyId) ?? policies.Default;
        // Nothing stored yet (before the start-up seed ran): the settings' policy, which is what the seed stores.
        return chosen is null ? settingsPolicy : Of(chosen.Newest);
    }

    /// <summary>
    /// The version <paramref name="sla"/> runs on. A ticket naming a version the store does not have (made before policies
    /// were stored, under settings of another version) runs on its policy's newest version, else on the default's.
    /// </summary>
    public async Task<SlaPolicy> ForTicketAsync(SlaState sla, CancellationToken cancellationToken)
    {
        if (_versions.TryGetValue(sla.Policy, out var known)) return known;
        if (!SlaPolicyRef.TryParse(sla.Policy, out var id, out var version)) return await ForNewTicketAsync(null, cancellationToken);
        return await store.FindVersionAsync(id, version, cancellationToken) is { } stored ? Of(stored) : await ForNewTicketAsync(id, cancellationToken);
    }

    /// <summary>The versions of several tickets at once (a page of a list), each read once.</summary>
    public async Task<IReadOnlyDictionary<string, SlaPolicy>> ForTicketsAsync(IEnumerable<SlaState> clocks, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, SlaPolicy>(StringComparer.Ordinal);
        foreach (var sla in clocks)
        {
            if (!found.ContainsKey(sla.Policy)) found[sla.Policy] = await ForTicketAsync(sla, cancellationToken);
        }

        return found;
    }

    /// <summary>The newest version of <paramref name="policyId"/> as stored now (not cached); null when there is no such policy.</summary>
    public async Task<SlaPolicy?> NewestAsync(string policyId, CancellationToken cancellationToken) =>
        await store.FindPolicyAsync(policyId, cancellationToken) is { } stored ? Of(stored.Newest) : null;

    /// <summary>After a write through this instance: the next read sees it.</summary>
    public void Invalidate() => catalog.Invalidate();

    public ValueTask<SlaPolicyCatalog> CatalogAsync(CancellationToken cancellationToken) =>
        catalog.GetAsync(async ct => new SlaPolicyCatalog(await store.ListPoliciesAsync(ct)), cancellationToken);

    private SlaPolicy Of(SlaPolicyVersion version) =>
        _versions.GetOrAdd(version.Ref, _ => new SlaPolicy(version, options.Value.RaisePriorityOnBreach));
}
