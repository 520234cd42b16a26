using System.Text.Json;
using Tickets.Administration.Audit;
using Tickets.Common;
using Tickets.Sla.Policies;

namespace Tickets.ContractTests;

/// <summary>SLA policies (a head and every version kept) and calendars: created once per id, changed only at the tag read, atomically.</summary>
public abstract class SlaPolicyStoreContract(IStoreUnderTest store) : StoreContract(store)
{
    private ISlaPolicyStore Policies => Get<ISlaPolicyStore>();

    private static readonly AuditActor Admin = new("admin-1", "Ada Admin");

    private static readonly CalendarDefinition Office = new("office", "Oficina", "Europe/Madrid",
        [new CalendarDay("monday", [new TimeRange("08:00", "14:00"), new TimeRange("15:00", "18:00")])],
        [new Holiday("2026-12-25", "Navidad", Yearly: true)]);

    private SlaPolicyVersion Policy(string id, int version = 1, double medium = 4320, string? calendarId = null) =>
        new(id, "Estándar", version,
            new PolicyTargets(new(60, 240), new(240, 1440), new(480, medium), new(1440, 7200) { TwentyFourSeven = true }),
            calendarId, 0.75, Time.GetUtcNow())
        {
            Calendar = calendarId is null ? null : Office,
        };

    private AuditEntry Entry(string action, string id) => AuditEntry.Of(Admin, action, new AuditTarget("slaPolicy", id, id), null, new { id }, Time.GetUtcNow());

    private static string Json(object? value) => JsonSerializer.Serialize(value, Common.Json.Options);

    [StoreFact]
    public async Task ACreatedPolicyIsItsFirstVersionAndItsIdIsTakenForGood()
    {
        Assert.True(await Policies.CreatePolicyAsync(Policy("gold"), isDefault: true, Entry("slaPolicy.created", "gold"), CancellationToken.None));
        var second = await Policies.CreatePolicyAsync(Policy("gold", medium: 1), isDefault: false, Entry("slaPolicy.created", "gold"), CancellationToken.None);

        var found = await Policies.FindPolicyAsync("gold", CancellationToken.None);
        Assert.False(second);
        Assert.Equal(Json(Policy("gold")), Json(found!.Newest));
        Assert.True(found.IsDefault);
        Assert.Equal(Json(Policy("gold")), Json(await Policies.FindVersionAsync("gold", 1, CancellationToken.None)));
        Assert.Equal(["gold"], (await Policies.ListPoliciesAsync(CancellationToken.None)).Select(p => p.Newest.Id));
    }

    [StoreFact]
    public async Task TheNextVersionIsStoredOnlyAtTheTagReadAndTheOldOneStaysReadable()
    {
        await Policies.CreatePolicyAsync(Policy("silver"), isDefault: false, Entry("slaPolicy.created", "silver"), CancellationToken.None);
        var read = (await Policies.FindPolicyAsync("silver", CancellationToken.None))!;

        var saved = await Policies.SavePolicyAsync(Policy("silver", 2, medium: 600), false, read.ETag, Entry("slaPolicy.changed", "silver"), CancellationToken.None);
        var stale = await Policies.SavePolicyAsync(Policy("silver", 3, medium: 1), false, read.ETag, Entry("slaPolicy.changed", "silver"), CancellationToken.None);

        Assert.NotNull(saved);
        Assert.Null(stale);
        var now = (await Policies.FindPolicyAsync("silver", CancellationToken.None))!;
        Assert.Equal((2, saved!.ETag), (now.Newest.Version, now.ETag));
        Assert.Equal(4320, (await Policies.FindVersionAsync("silver", 1, CancellationToken.None))!.Targets.Medium.ResolutionMinutes);
        Assert.Null(await Policies.FindVersionAsync("silver", 3, CancellationToken.None));
    }

    [StoreFact]
    public async Task MakingAPolicyTheDefaultEndsThePreviousDefault()
    {
        await Policies.CreatePolicyAsync(Policy("first"), isDefault: true, Entry("slaPolicy.created", "first"), CancellationToken.None);
        await Policies.CreatePolicyAsync(Policy("second"), isDefault: false, Entry("slaPolicy.created", "second"), CancellationToken.None);
        var second = (await Policies.FindPolicyAsync("second", CancellationToken.None))!;

        await Policies.SavePolicyAsync(Policy("second", 2), isDefault: true, second.ETag, Entry("slaPolicy.changed", "second"), CancellationToken.None);

        var defaults = (await Policies.ListPoliciesAsync(CancellationToken.None)).Where(p => p.IsDefault).Select(p => p.Newest.Id);
        Assert.Equal(["second"], defaults);
    }

    [StoreFact]
    public async Task ACalendarIsCreatedOncePerId()
    {
        Assert.True(await Policies.CreateCalendarAsync(Office, Time.GetUtcNow(), Entry("calendar.created", "office"), CancellationToken.None));
        Assert.False(await Policies.CreateCalendarAsync(Office with { Name = "Otra" }, Time.GetUtcNow(), Entry("calendar.created", "office"), CancellationToken.None));

        var found = await Policies.FindCalendarAsync("office", CancellationToken.None);
        Assert.Equal(Json(Office), Json(found!.Calendar));
        Assert.Equal(["office"], (await Policies.ListCalendarsAsync(CancellationToken.None)).Select(c => c.Calendar.Id));
    }

    [StoreFact]
    public async Task ACalendarChangeStoresThePoliciesNextVersionsInTheSameWriteOrNothing()
    {
        await Policies.CreateCalendarAsync(Office, Time.GetUtcNow(), Entry("calendar.created", "office"), CancellationToken.None);
        await Policies.CreatePolicyAsync(Policy("on-office", calendarId: "office"), false, Entry("slaPolicy.created", "on-office"), CancellationToken.None);
        var calendar = (await Policies.FindCalendarAsync("office", CancellationToken.None))!;
        var policy = (await Policies.FindPolicyAsync("on-office", CancellationToken.None))!;
        var changed = Office with { Holidays = [.. Office.Holidays, new Holiday("2026-08-15", "Asunción", false)] };
        var next = policy.Newest with { Version = 2, Calendar = changed, Reason = "calendar_changed" };

        var stale = await Policies.SaveCalendarAsync(changed, Time.GetUtcNow(), calendar.ETag, [new PolicyRevision(next, false, "not-the-tag")],
            [Entry("calendar.changed", "office")], CancellationToken.None);
        var unchanged = (await Policies.FindCalendarAsync("office", CancellationToken.None))!;
        var saved = await Policies.SaveCalendarAsync(changed, Time.GetUtcNow(), calendar.ETag, [new PolicyRevision(next, false, policy.ETag)],
            [Entry("calendar.changed", "office"), Entry("slaPolicy.changed", "on-office")], CancellationToken.None);

        Assert.Null(stale);
        Assert.Equal(calendar.ETag, unchanged.ETag);
        Assert.NotNull(saved);
        Assert.Equal(2, (await Policies.FindPolicyAsync("on-office", CancellationToken.None))!.Newest.Version);
        Assert.Equal(2, (await Policies.FindVersionAsync("on-office", 2, CancellationToken.None))!.Calendar!.Holidays.Count);
        Assert.Single((await Policies.FindVersionAsync("on-office", 1, CancellationToken.None))!.Calendar!.Holidays);
    }
}
