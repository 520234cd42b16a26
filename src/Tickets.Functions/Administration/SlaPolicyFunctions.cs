using System.ComponentModel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tickets.Common;
using Tickets.Functions.Http;
using Tickets.Sla.Policies;

namespace Tickets.Functions.Administration;

/// <summary>SLA policies (each edit is the next version; running tickets keep theirs) and business calendars: staff read, admins write.</summary>
public sealed class SlaPolicyFunctions(SlaAdministration administration)
{
    [Function("ListSlaPolicies")]
    [Access(Who.Staff)]
    [Returns(200, typeof(SlaPolicyList))]
    [Description("Every SLA policy at its newest version.")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sla-policies")] HttpRequest request, CancellationToken cancellationToken) =>
        Api.Ok(await administration.ListPoliciesAsync(cancellationToken));

    [Function("CreateSlaPolicy")]
    [Access(Who.Admin, Writes = true)]
    [Accepts(typeof(SlaPolicyRequest))]
    [Returns(201, typeof(SlaPolicyView), Headers = ResponseHeaders.Location | ResponseHeaders.ETag)]
    [Fails(ErrorKind.Conflict)]
    [Description("Creates a policy at version 1 (audited as slaPolicy.created).")]
    public Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "sla-policies")] HttpRequest request, CancellationToken cancellationToken) =>
        request.WithJsonAsync<SlaPolicyRequest>(cancellationToken, async input =>
            Api.From(await administration.CreatePolicyAsync(input, cancellationToken),
                p => Api.Created($"/api/sla-policies/{p.Id}", p, Preconditions.Quote(p.Etag!))));

    [Function("GetSlaPolicy")]
    [Access(Who.Staff)]
    [Accepts(Query = typeof(SlaPolicyVersionParameters))]
    [Returns(200, typeof(SlaPolicyView), Headers = ResponseHeaders.ETag)]
    [Description("A policy at its newest version, or one of its kept versions (?version=), which running tickets may still use.")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sla-policies/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Api.From(await administration.GetPolicyAsync(id, request.QueryAs<SlaPolicyVersionParameters>().Version, cancellationToken), WithTag);

    [Function("UpdateSlaPolicy")]
    [Access(Who.Admin, Writes = true)]
    [Accepts(typeof(SlaPolicyRequest), Headers = RequestHeaders.IfMatch)]
    [Returns(200, typeof(SlaPolicyView), Headers = ResponseHeaders.ETag)]
    [Fails(ErrorKind.PreconditionFailed)]
    [Description("Stores the whole policy as its next version (audited as slaPolicy.changed). Running tickets keep the version they "
        + "started with; new tickets use this one; POST …/apply re-plans the open ones.")]
    public Task<IActionResult> Update(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "sla-policies/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        request.WithJsonAsync<SlaPolicyRequest>(cancellationToken, async input =>
            Api.From(await administration.UpdatePolicyAsync(id, input, request.IfMatch(), cancellationToken), WithTag));

    [Function("ApplySlaPolicy")]
    [Access(Who.Admin, Writes = true)]
    [Returns(202, typeof(SlaReplanAccepted))]
    [Fails(ErrorKind.Unavailable)]
    [Description("Re-plans the running clocks of the policy's open tickets on its newest version, in the background (audited as "
        + "slaPolicy.applied; each ticket's re-plan is sla_replanned in its history).")]
    public async Task<IActionResult> Apply(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "sla-policies/{id}/apply")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Api.From(await administration.ApplyAsync(id, cancellationToken), Api.Accepted);

    [Function("ListCalendars")]
    [Access(Who.Staff)]
    [Returns(200, typeof(CalendarList))]
    [Description("Every business calendar.")]
    public async Task<IActionResult> ListCalendars(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "calendars")] HttpRequest request, CancellationToken cancellationToken) =>
        Api.Ok(await administration.ListCalendarsAsync(cancellationToken));

    [Function("CreateCalendar")]
    [Access(Who.Admin, Writes = true)]
    [Accepts(typeof(CalendarRequest))]
    [Returns(201, typeof(CalendarView), Headers = ResponseHeaders.Location | ResponseHeaders.ETag)]
    [Fails(ErrorKind.Conflict)]
    [Description("Creates a business calendar (audited as calendar.created).")]
    public Task<IActionResult> CreateCalendar(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "calendars")] HttpRequest request, CancellationToken cancellationToken) =>
        request.WithJsonAsync<CalendarRequest>(cancellationToken, async input =>
            Api.From(await administration.CreateCalendarAsync(input, cancellationToken),
                c => Api.Created($"/api/calendars/{c.Id}", c, Preconditions.Quote(c.Etag))));

    [Function("GetCalendar")]
    [Access(Who.Staff)]
    [Returns(200, typeof(CalendarView), Headers = ResponseHeaders.ETag)]
    [Description("One business calendar.")]
    public async Task<IActionResult> GetCalendar(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "calendars/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Api.From(await administration.GetCalendarAsync(id, cancellationToken), c => Api.Ok(c, c.Etag));

    [Function("UpdateCalendar")]
    [Access(Who.Admin, Writes = true)]
    [Accepts(typeof(CalendarRequest), Headers = RequestHeaders.IfMatch)]
    [Returns(200, typeof(CalendarView), Headers = ResponseHeaders.ETag)]
    [Fails(ErrorKind.PreconditionFailed)]
    [Description("Replaces the calendar (audited as calendar.changed). Each policy on it gets its next version with the new calendar: "
        + "new tickets count on it at once; running ones after POST /sla-policies/{id}/apply.")]
    public Task<IActionResult> UpdateCalendar(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "calendars/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        request.WithJsonAsync<CalendarRequest>(cancellationToken, async input =>
            Api.From(await administration.UpdateCalendarAsync(id, input, request.IfMatch(), cancellationToken), c => Api.Ok(c, c.Etag)));

    [Function("ImportCalendarHolidays")]
    [Access(Who.Admin, Writes = true)]
    [Accepts(typeof(string), MediaType = "text/calendar", Headers = RequestHeaders.IfMatch)]
    [Returns(200, typeof(CalendarView), Headers = ResponseHeaders.ETag)]
    [Fails(ErrorKind.PreconditionFailed)]
    [Description("Adds the holidays of an iCalendar (.ics) body: each VEVENT's DTSTART date and SUMMARY; RRULE FREQ=YEARLY makes it yearly. "
        + "A change of the calendar like PUT.")]
    public async Task<IActionResult> ImportHolidays(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "calendars/{id}/holidays/import")] HttpRequest request, string id,
        CancellationToken cancellationToken)
    {
        var body = await request.ReadTextAsync("text/calendar", ICalendarHolidays.MaxBytes, cancellationToken);
        if (!body.IsSuccess) return Api.Problem(body.Error!);
        return Api.From(await administration.ImportHolidaysAsync(id, body.Value, request.IfMatch(), cancellationToken), c => Api.Ok(c, c.Etag));
    }

    private static IActionResult WithTag(SlaPolicyView policy) => policy.Etag is { } etag ? Api.Ok(policy, etag) : Api.Ok(policy);
}
