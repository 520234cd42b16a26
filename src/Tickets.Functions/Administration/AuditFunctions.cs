using System.ComponentModel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tickets.Administration.Audit;
using Tickets.Common;
using Tickets.Functions.Http;

namespace Tickets.Functions.Administration;

/// <summary>
/// The admin audit log: read-only through the API (entries are written by the management changes themselves), and its
/// upkeep timer. The route is <c>/api/audit</c>, not <c>/api/admin/audit</c>: the Functions host reserves every route that
/// starts with <c>admin</c> for its own admin API and refuses to index a function that claims one.
/// </summary>
public sealed class AuditFunctions(AuditLog log)
{
    [Function("ListAudit")]
    [Access(Who.Admin)]
    [Accepts(Query = typeof(AuditListParameters))]
    [Returns(200, typeof(Page<AuditEntry>))]
    [Description("The admin audit log, newest first: who changed which user, team, category, SLA policy or calendar, with the "
        + "management fields before and after. Kept Tickets:Audit:RetentionDays (400) days; never editable.")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "audit")] HttpRequest request, CancellationToken cancellationToken) =>
        Api.From(await log.ListAsync(request.QueryAs<AuditListParameters>(), cancellationToken), Api.Ok);

    /// <summary>Retention on SQLite (Cosmos expires entries by ttl) and delivery of entries a crash left in user documents (Cosmos).</summary>
    [Function("AuditSweep")]
    public Task Sweep([TimerTrigger("%Tickets:Audit:SweepSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        log.SweepAsync(cancellationToken);
}
