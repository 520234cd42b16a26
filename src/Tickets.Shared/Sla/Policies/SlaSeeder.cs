using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tickets.Administration.Audit;

namespace Tickets.Sla.Policies;

/// <summary>
/// On start-up, a store without SLA policies gets what the <c>Tickets:Sla</c> settings describe (<see cref="SlaSeed"/>),
/// audited as made by the system. Idempotent, and safe with several instances starting at once: the ids are fixed, so a
/// second instance's creates are refused as existing and change nothing. Once the store has a policy the settings are
/// only this seed (and the fallback before it ran).
/// </summary>
public sealed partial class SlaSeeder(ISlaPolicyStore store, SlaPolicies policies, IOptions<SlaOptions> options, TimeProvider time, ILogger<SlaSeeder> logger)
{
    public static readonly AuditActor System = new("system", "System");

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if ((await store.ListPoliciesAsync(cancellationToken)).Count > 0) return;

        var now = time.GetUtcNow();
        var (calendar, policy) = SlaSeed.From(options.Value, now);
        if (await store.FindCalendarAsync(calendar.Id, cancellationToken) is null)
        {
            var created = AuditEntry.Of(System, "calendar.created", new AuditTarget(SlaAdministration.CalendarTarget, calendar.Id, calendar.Name), null, calendar, now);
            if (await store.CreateCalendarAsync(calendar, now, created, cancellationToken)) LogSeeded(logger, "calendar", calendar.Id);
        }
        else if (policy.CalendarId is not null && await store.FindCalendarAsync(calendar.Id, cancellationToken) is { } stored)
        {
            // Made by another instance or an admin meanwhile: the policy copies the calendar as it is stored.
            policy = policy with { Calendar = stored.Calendar };
        }

        var audit = AuditEntry.Of(System, "slaPolicy.created", new AuditTarget(SlaAdministration.PolicyTarget, policy.Id, policy.Name),
            null, SlaPolicyAudit.Of(policy, isDefault: true), now);
        if (await store.CreatePolicyAsync(policy, isDefault: true, audit, cancellationToken)) LogSeeded(logger, "SLA policy", policy.Ref);
        policies.Invalidate();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {What} {Id} from the Tickets:Sla settings")]
    private static partial void LogSeeded(ILogger logger, string what, string id);
}
