using System.Text.Json;
using Microsoft.Extensions.Logging;
using Tickets.Administration.Audit;
using Tickets.Common;
using Tickets.Identity;
using Tickets.Messaging;

namespace Tickets.Sla.Policies;

/// <summary>
/// The SLA policy and calendar routes, as the signed-in admin (the routes let staff read and admins write). Every write is
/// stored with its audit entry in one atomic write; a policy's edit is its next version, and a calendar's edit is the next
/// version of every policy on it (carrying the calendar's new copy), so running tickets keep the times they were given.
/// </summary>
public sealed partial class SlaAdministration(
    ISlaPolicyStore store,
    SlaPolicies policies,
    CurrentUser me,
    IQueueSender queue,
    TimeProvider time,
    ILogger<SlaAdministration> logger)
{
    public const string PolicyTarget = "slaPolicy";
    public const string CalendarTarget = "calendar";

    private AuditActor Actor => new(me.Id, me.User.FullName);

    public async Task<SlaPolicyList> ListPoliciesAsync(CancellationToken cancellationToken) =>
        new([.. (await store.ListPoliciesAsync(cancellationToken)).OrderBy(p => p.Newest.Id, StringComparer.Ordinal).Select(p => p.ToView())]);

    public async Task<Result<SlaPolicyView>> GetPolicyAsync(string id, string? version, CancellationToken cancellationToken)
    {
        if (await store.FindPolicyAsync(id, cancellationToken) is not { } stored) return Error.NotFound("slaPolicy");
        if (version is null) return stored.ToView();
        if (!int.TryParse(version, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) || number < 1)
            return Error.Field("version", FieldCodes.Invalid, "Must be a version number: 1, 2, …");
        if (number == stored.Newest.Version) return stored.ToView();
        return await store.FindVersionAsync(id, number, cancellationToken) is { } kept
            ? SlaPolicyView.Of(kept, stored.IsDefault, etag: null)
            : Error.NotFound("slaPolicy version");
    }

    public async Task<Result<SlaPolicyView>> CreatePolicyAsync(SlaPolicyRequest request, CancellationToken cancellationToken)
    {
        var calendars = await CalendarsAsync(cancellationToken);
        if (request.Validate(creating: true, calendars.ContainsKey).ToError() is { } invalid) return invalid;

        var now = time.GetUtcNow();
        var first = new SlaPolicyVersion(request.Id!, request.Name!.Trim(), 1, request.ToTargets(), request.CalendarId, request.WarningAt ?? 0.75, now)
        {
            Calendar = request.CalendarId is { } calendarId ? calendars[calendarId] : null,
        };
        var isDefault = request.IsDefault ?? false;
        var audit = AuditEntry.Of(Actor, "slaPolicy.created", Target(first), null, SlaPolicyAudit.Of(first, isDefault), now);
        if (!await store.CreatePolicyAsync(first, isDefault, audit, cancellationToken))
            return Error.Conflict("sla_policy_exists", $"An SLA policy '{first.Id}' exists: choose another id.");

        policies.Invalidate();
        LogPolicy(logger, first.Id, first.Version, me.Id);
        return await store.FindPolicyAsync(first.Id, cancellationToken) is { } stored ? stored.ToView() : Error.NotFound("slaPolicy");
    }

    public async Task<Result<SlaPolicyView>> UpdatePolicyAsync(string id, SlaPolicyRequest request, string? ifMatch, CancellationToken cancellationToken)
    {
        var conditional = ifMatch is not null && ifMatch != "*";
        for (var attempt = 1; ; attempt++)
        {
            if (await store.FindPolicyAsync(id, cancellationToken) is not { } current) return Error.NotFound("slaPolicy");
            if (conditional && ifMatch != current.ETag) return Stale;

            var calendars = await CalendarsAsync(cancellationToken);
            var v = request.Validate(creating: false, calendars.ContainsKey);
            if (request.IsDefault == false && current.IsDefault)
                v.Add("isDefault", FieldCodes.NotAllowed, "One policy is the default: make another policy the default instead.");
            if (v.ToError() is { } invalid) return invalid;

            var now = time.GetUtcNow();
            var next = new SlaPolicyVersion(id, request.Name!.Trim(), current.Newest.Version + 1, request.ToTargets(), request.CalendarId,
                request.WarningAt ?? 0.75, now)
            {
                Calendar = request.CalendarId is { } calendarId ? calendars[calendarId] : null,
            };
            var isDefault = request.IsDefault ?? current.IsDefault;
            var audit = AuditEntry.Of(Actor, "slaPolicy.changed", Target(next),
                SlaPolicyAudit.Of(current.Newest, current.IsDefault), SlaPolicyAudit.Of(next, isDefault), now);
            if (await store.SavePolicyAsync(next, isDefault, current.ETag, audit, cancellationToken) is { } saved)
            {
                policies.Invalidate();
                LogPolicy(logger, id, next.Version, me.Id);
                return saved.ToView();
            }

            if (conditional) return Stale;
            if (attempt == Contention.MaxAttempts) return Contention.Busy("slaPolicy");
            await Contention.BackOffAsync(attempt, time, cancellationToken);
        }
    }

    /// <summary>
    /// Asks for the open tickets on <paramref name="id"/> to be re-planned on its newest version, in the background
    /// (<see cref="SlaReplanner"/>) through the <c>sla-replans</c> queue, and audits the request.
    /// </summary>
    public async Task<Result<SlaReplanAccepted>> ApplyAsync(string id, CancellationToken cancellationToken)
    {
        if (await store.FindPolicyAsync(id, cancellationToken) is not { } current) return Error.NotFound("slaPolicy");
        var now = time.GetUtcNow();
        var accepted = new SlaReplanAccepted(id, current.Newest.Version, now);
        // The message first: a queue that refuses it is a 503 with nothing recorded. The audit entry follows; should that
        // write fail, the re-plan still runs (idempotent, each ticket's history records it) and the admin is told to retry.
        try
        {
            await queue.SendAsync(QueueNames.SlaReplans, JsonSerializer.Serialize(new SlaReplanMessage(id, null), Json.Options), null, cancellationToken);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or AggregateException or TimeoutException)
        {
            LogQueueRefused(logger, e, id);
            return new Error(ErrorKind.Unavailable, "queue_unavailable", "The background queue is unavailable.", "Nothing was started: try again shortly.")
            {
                RetryAfter = TimeSpan.FromSeconds(30),
                Extensions = new Dictionary<string, object?> { ["dependency"] = "queue" },
            };
        }

        await store.AppendAuditAsync(
            AuditEntry.Of(Actor, "slaPolicy.applied", Target(current.Newest), null, new { version = current.Newest.Version }, now), cancellationToken);
        LogApplied(logger, id, current.Newest.Version, me.Id);
        return accepted;
    }

    public async Task<CalendarList> ListCalendarsAsync(CancellationToken cancellationToken) =>
        new([.. (await store.ListCalendarsAsync(cancellationToken)).OrderBy(c => c.Calendar.Id, StringComparer.Ordinal).Select(c => c.ToView())]);

    public async Task<Result<CalendarView>> GetCalendarAsync(string id, CancellationToken cancellationToken) =>
        await store.FindCalendarAsync(id, cancellationToken) is { } stored ? stored.ToView() : Error.NotFound("calendar");

    public async Task<Result<CalendarView>> CreateCalendarAsync(CalendarRequest request, CancellationToken cancellationToken)
    {
        if (request.Validate(creating: true).ToError() is { } invalid) return invalid;
        var calendar = request.ToDefinition(request.Id!);
        var now = time.GetUtcNow();
        var audit = AuditEntry.Of(Actor, "calendar.created", new AuditTarget(CalendarTarget, calendar.Id, calendar.Name), null, calendar, now);
        if (!await store.CreateCalendarAsync(calendar, now, audit, cancellationToken))
            return Error.Conflict("calendar_exists", $"A calendar '{calendar.Id}' exists: choose another id.");
        return await GetCalendarAsync(calendar.Id, cancellationToken);
    }

    public Task<Result<CalendarView>> UpdateCalendarAsync(string id, CalendarRequest request, string? ifMatch, CancellationToken cancellationToken) =>
        ChangeCalendarAsync(id, ifMatch, _ => request.Validate(creating: false).ToError() is { } invalid ? invalid : request.ToDefinition(id), cancellationToken);

    /// <summary>Adds the holidays of an iCalendar body to the calendar (dates it has already are kept as they are).</summary>
    public Task<Result<CalendarView>> ImportHolidaysAsync(string id, string ics, string? ifMatch, CancellationToken cancellationToken) =>
        ChangeCalendarAsync(id, ifMatch, current =>
        {
            var parsed = ICalendarHolidays.Parse(ics);
            if (!parsed.IsSuccess) return parsed.Error!;
            var known = current.Holidays.Select(h => (h.Date, h.Yearly)).ToHashSet();
            var added = parsed.Value.Where(h => known.Add((h.Date!, h.Yearly ?? false))).ToList();
            var request = new CalendarRequest
            {
                Name = current.Name,
                TimeZone = current.TimeZone,
                Week = [.. current.Week.Select(d => new CalendarDayRequest { Day = d.Day, Ranges = [.. d.Ranges.Select(r => new TimeRangeRequest { From = r.From, To = r.To })] })],
                Holidays = [.. current.Holidays.Select(h => new HolidayRequest { Date = h.Date, Name = h.Name, Yearly = h.Yearly }), .. added],
            };
            return request.Validate(creating: false).ToError() is { } invalid ? invalid : request.ToDefinition(id);
        }, cancellationToken);

    private async Task<Result<CalendarView>> ChangeCalendarAsync(
        string id, string? ifMatch, Func<CalendarDefinition, Result<CalendarDefinition>> change, CancellationToken cancellationToken)
    {
        var conditional = ifMatch is not null && ifMatch != "*";
        for (var attempt = 1; ; attempt++)
        {
            if (await store.FindCalendarAsync(id, cancellationToken) is not { } current) return Error.NotFound("calendar");
            if (conditional && ifMatch != current.ETag) return Stale;
            var changed = change(current.Calendar);
            if (!changed.IsSuccess) return changed.Error!;
            var calendar = changed.Value;

            var now = time.GetUtcNow();
            var audit = new List<AuditEntry>
            {
                AuditEntry.Of(Actor, "calendar.changed", new AuditTarget(CalendarTarget, id, calendar.Name), current.Calendar, calendar, now),
            };
            var revisions = new List<PolicyRevision>();
            foreach (var policy in (await store.ListPoliciesAsync(cancellationToken)).Where(p => p.Newest.CalendarId == id))
            {
                var next = policy.Newest with { Version = policy.Newest.Version + 1, Calendar = calendar, CreatedAt = now, Reason = "calendar_changed" };
                revisions.Add(new PolicyRevision(next, policy.IsDefault, policy.ETag));
                audit.Add(AuditEntry.Of(Actor, "slaPolicy.changed", Target(next),
                    SlaPolicyAudit.Of(policy.Newest, policy.IsDefault), SlaPolicyAudit.Of(next, policy.IsDefault), now));
            }

            if (await store.SaveCalendarAsync(calendar, now, current.ETag, revisions, audit, cancellationToken) is { } saved)
            {
                if (revisions.Count > 0) policies.Invalidate();
                LogCalendar(logger, id, revisions.Count, me.Id);
                return saved.ToView();
            }

            if (conditional && await store.FindCalendarAsync(id, cancellationToken) is { } now2 && now2.ETag != current.ETag) return Stale;
            if (attempt == Contention.MaxAttempts) return Contention.Busy("calendar");
            await Contention.BackOffAsync(attempt, time, cancellationToken);
        }
    }

    private async Task<Dictionary<string, CalendarDefinition>> CalendarsAsync(CancellationToken cancellationToken) =>
        (await store.ListCalendarsAsync(cancellationToken)).ToDictionary(c => c.Calendar.Id, c => c.Calendar, StringComparer.Ordinal);

    private static AuditTarget Target(SlaPolicyVersion policy) => new(PolicyTarget, policy.Id, policy.Name);

    private static Error Stale => Error.PreconditionFailed("It changed since you read it (If-Match no longer matches): read it again.");

    [LoggerMessage(Level = LogLevel.Information, Message = "SLA policy {PolicyId} version {Version} stored by {UserId}")]
    private static partial void LogPolicy(ILogger logger, string policyId, int version, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-plan of SLA policy {PolicyId} on version {Version} asked by {UserId}")]
    private static partial void LogApplied(ILogger logger, string policyId, int version, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Calendar {CalendarId} changed by {UserId}; {Policies} policies got a new version")]
    private static partial void LogCalendar(ILogger logger, string calendarId, int policies, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The re-plan queue refused the re-plan of SLA policy {PolicyId}; nothing was started")]
    private static partial void LogQueueRefused(ILogger logger, Exception exception, string policyId);
}

/// <summary>A policy's management fields, as its audit entries record them.</summary>
public sealed record SlaPolicyAudit(string Id, string Name, int Version, PolicyTargets Targets, string? CalendarId, double WarningAt, bool IsDefault, string? Reason)
{
    public static SlaPolicyAudit Of(SlaPolicyVersion v, bool isDefault) => new(v.Id, v.Name, v.Version, v.Targets, v.CalendarId, v.WarningAt, isDefault, v.Reason);
}

/// <summary>The answer to <c>POST /sla-policies/{id}/apply</c>: the re-plan onto <see cref="Version"/> is under way.</summary>
public sealed record SlaReplanAccepted(string PolicyId, int Version, DateTimeOffset RequestedAt);

/// <summary>An <c>sla-replans</c> message: re-plan the open tickets of a policy, from <see cref="Cursor"/> (a page of the ticket list) on.</summary>
public sealed record SlaReplanMessage(string PolicyId, string? Cursor);

/// <summary><c>GET /sla-policies</c>: every policy at its newest version, by id.</summary>
public sealed record SlaPolicyList(IReadOnlyList<SlaPolicyView> Items);

/// <summary><c>GET /calendars</c>: every business calendar, by id.</summary>
public sealed record CalendarList(IReadOnlyList<CalendarView> Items);
