using System.ComponentModel;
using System.Text.RegularExpressions;
using Tickets.Common;

namespace Tickets.Sla.Policies;

/// <summary>One priority's targets in a request.</summary>
public sealed record PriorityTargetsRequest
{
    [Description("Minutes to the first response (fractions allowed), more than 0 and at most 525600 (a year).")]
    public double? FirstResponseMinutes { get; init; }

    [Description("Minutes to resolution, at least the first response's.")]
    public double? ResolutionMinutes { get; init; }

    [Description("This priority counts every hour even when the policy has a calendar.")]
    public bool? TwentyFourSeven { get; init; }
}

/// <summary>The four priorities' targets in a request; all four are required.</summary>
public sealed record PolicyTargetsRequest
{
    public PriorityTargetsRequest? Critical { get; init; }

    public PriorityTargetsRequest? High { get; init; }

    public PriorityTargetsRequest? Medium { get; init; }

    public PriorityTargetsRequest? Low { get; init; }
}

/// <summary><c>POST /sla-policies</c> (with <c>id</c>) and <c>PUT /sla-policies/{id}</c> (the whole policy; its next version).</summary>
public sealed partial record SlaPolicyRequest
{
    [Description("A stable slug chosen at creation: lower-case letters, digits and dashes (ignored on PUT).")]
    public string? Id { get; init; }

    public string? Name { get; init; }

    public PolicyTargetsRequest? Targets { get; init; }

    [Description("The business calendar its targets count on; null: 24×7.")]
    public string? CalendarId { get; init; }

    [Description("The share of a target after which a ticket is at risk, between 0 and 1 (exclusive); default 0.75.")]
    public double? WarningAt { get; init; }

    [Description("Make this the default policy (the previous default stops being it). The default cannot be unset: make another one the default.")]
    public bool? IsDefault { get; init; }

    public const double MaxMinutes = 525_600;

    public static bool IsSlug(string? id) => id is not null && Slug().IsMatch(id);

    /// <summary>Every problem, each naming its field; <paramref name="calendarExists"/> says whether a calendar id is stored.</summary>
    public Validator Validate(bool creating, Func<string, bool> calendarExists)
    {
        var v = new Validator();
        if (creating && !IsSlug(Id)) v.Add("id", FieldCodes.Invalid, "Must be 1 to 40 lower-case letters, digits or dashes, starting with a letter (e.g. gold).");
        v.Text("name", Name, 1, 100);
        if (Targets is null) v.Add("targets", FieldCodes.Required, "Required: critical, high, medium and low.");
        else
        {
            Priority("critical", Targets.Critical);
            Priority("high", Targets.High);
            Priority("medium", Targets.Medium);
            Priority("low", Targets.Low);
        }

        if (WarningAt is { } warning && !(warning > 0 && warning < 1))
            v.Add("warningAt", FieldCodes.OutOfRange, "Must be a fraction between 0 and 1 (exclusive), e.g. 0.75.");
        if (CalendarId is not null && !calendarExists(CalendarId))
            v.Add("calendarId", FieldCodes.NotAllowed, "Must be the id of a stored calendar, or null for 24x7.");
        return v;

        void Priority(string name, PriorityTargetsRequest? targets)
        {
            var field = $"targets.{name}";
            if (targets is null)
            {
                v.Add(field, FieldCodes.Required, "Required.");
                return;
            }

            Minutes($"{field}.firstResponseMinutes", targets.FirstResponseMinutes);
            Minutes($"{field}.resolutionMinutes", targets.ResolutionMinutes);
            if (targets.FirstResponseMinutes > 0 && targets.ResolutionMinutes > 0 && targets.ResolutionMinutes < targets.FirstResponseMinutes)
                v.Add($"{field}.resolutionMinutes", FieldCodes.OutOfRange, "Must not be shorter than the first response.");
        }

        void Minutes(string field, double? minutes)
        {
            if (minutes is null) v.Add(field, FieldCodes.Required, "Required.");
            else if (!(minutes > 0 && minutes <= MaxMinutes)) v.Add(field, FieldCodes.OutOfRange, $"Must be more than 0 and at most {MaxMinutes} minutes.");
        }
    }

    /// <summary>The targets of a valid request.</summary>
    public PolicyTargets ToTargets()
    {
        static PriorityTargets Of(PriorityTargetsRequest r) =>
            new(r.FirstResponseMinutes!.Value, r.ResolutionMinutes!.Value) { TwentyFourSeven = r.TwentyFourSeven ?? false };
        return new PolicyTargets(Of(Targets!.Critical!), Of(Targets.High!), Of(Targets.Medium!), Of(Targets.Low!));
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$")]
    private static partial Regex Slug();
}

/// <summary><c>POST /calendars</c> (with <c>id</c>) and <c>PUT /calendars/{id}</c> (the whole calendar).</summary>
public sealed record CalendarRequest
{
    [Description("A stable slug chosen at creation (ignored on PUT).")]
    public string? Id { get; init; }

    public string? Name { get; init; }

    [Description("An IANA time zone: Europe/Madrid, America/Mexico_City, UTC.")]
    public string? TimeZone { get; init; }

    [Description("The working days, each once, with one or more ranges that do not overlap; a day not listed does not work.")]
    public IReadOnlyList<CalendarDayRequest>? Week { get; init; }

    public IReadOnlyList<HolidayRequest>? Holidays { get; init; }

    public const int MaxHolidays = 500;

    public Validator Validate(bool creating)
    {
        var v = new Validator();
        if (creating && !SlaPolicyRequest.IsSlug(Id)) v.Add("id", FieldCodes.Invalid, "Must be 1 to 40 lower-case letters, digits or dashes, starting with a letter.");
        v.Text("name", Name, 1, 100);
        if (TimeZone is null) v.Add("timeZone", FieldCodes.Required, "Required.");
        else if (!CalendarRules.IsZone(TimeZone)) v.Add("timeZone", FieldCodes.NotAllowed, $"'{TimeZone}' is not a known IANA time zone (e.g. Europe/Madrid, UTC).");

        var working = 0;
        if (Week is null) v.Add("week", FieldCodes.Required, "Required: the working days and their ranges.");
        else
        {
            var seen = new HashSet<DayOfWeek>();
            for (var i = 0; i < Week.Count; i++)
            {
                var day = Week[i];
                var field = $"week[{i}]";
                if (day is null)
                {
                    v.Add(field, FieldCodes.Required, "Required.");
                    continue;
                }

                if (CalendarRules.Day(day.Day) is not { } name) v.Add($"{field}.day", FieldCodes.NotAllowed, "Must be monday, tuesday, … or sunday.");
                else if (!seen.Add(name)) v.Add($"{field}.day", FieldCodes.NotAllowed, "Each day may appear once.");
                if (day.Ranges is null)
                {
                    v.Add($"{field}.ranges", FieldCodes.Required, "Required (an empty list: the day does not work).");
                    continue;
                }

                var ranges = new List<(int Index, TimeSpan From, TimeSpan To)>();
                for (var r = 0; r < day.Ranges.Count; r++)
                {
                    var range = day.Ranges[r];
                    var from = CalendarRules.Time(range?.From);
                    var to = CalendarRules.Time(range?.To);
                    if (from is null || from == TimeSpan.FromDays(1)) v.Add($"{field}.ranges[{r}].from", FieldCodes.Invalid, "Must be a time HH:mm, e.g. 08:00.");
                    if (to is null) v.Add($"{field}.ranges[{r}].to", FieldCodes.Invalid, "Must be a time HH:mm (24:00 allowed), e.g. 14:00.");
                    else if (from is not null && to <= from) v.Add($"{field}.ranges[{r}].to", FieldCodes.InvalidRange, "Must be after from.");
                    else if (from is not null) ranges.Add((r, from.Value, to.Value));
                }

                var ordered = ranges.OrderBy(r => r.From).ToList();
                for (var k = 1; k < ordered.Count; k++)
                {
                    if (ordered[k].From < ordered[k - 1].To)
                        v.Add($"{field}.ranges[{ordered[k].Index}]", FieldCodes.InvalidRange, $"Overlaps ranges[{ordered[k - 1].Index}].");
                }

                working += ranges.Count;
            }

            if (Week.Count > 7) v.Add("week", FieldCodes.TooLong, "At most seven days.");
            if (working == 0 && !v.Has("week")) v.Add("week", FieldCodes.Required, "At least one day needs a working range.");
        }

        if (Holidays is { } holidays)
        {
            if (holidays.Count > MaxHolidays) v.Add("holidays", FieldCodes.TooLong, $"At most {MaxHolidays} holidays.");
            for (var i = 0; i < Math.Min(holidays.Count, MaxHolidays); i++)
            {
                var holiday = holidays[i];
                if (holiday is null)
                {
                    v.Add($"holidays[{i}]", FieldCodes.Required, "Required.");
                    continue;
                }

                if (CalendarRules.Date(holiday.Date) is null) v.Add($"holidays[{i}].date", FieldCodes.InvalidDate, "Must be a date yyyy-MM-dd, e.g. 2026-12-25.");
                v.Text($"holidays[{i}].name", holiday.Name, 1, 100);
            }
        }

        return v;
    }

    /// <summary>The calendar of a valid request, days in week order and ranges in day order.</summary>
    public CalendarDefinition ToDefinition(string id) => new(
        id,
        Name!.Trim(),
        TimeZone!.Trim(),
        [.. Week!.Select(d => (Day: CalendarRules.Day(d.Day)!.Value, d.Ranges))
            .OrderBy(d => ((int)d.Day + 6) % 7)
            .Select(d => new CalendarDay(CalendarDefinition.DayNames[(int)d.Day],
                [.. d.Ranges!.OrderBy(r => CalendarRules.Time(r.From)).Select(r => new TimeRange(r.From!, r.To!))]))],
        [.. (Holidays ?? []).Select(h => new Holiday(h.Date!, h.Name!.Trim(), h.Yearly ?? false)).OrderBy(h => h.Date, StringComparer.Ordinal)]);
}

public sealed record CalendarDayRequest
{
    [Description("monday, tuesday, … sunday.")]
    public string? Day { get; init; }

    public IReadOnlyList<TimeRangeRequest>? Ranges { get; init; }
}

public sealed record TimeRangeRequest
{
    [Description("HH:mm.")]
    public string? From { get; init; }

    [Description("HH:mm, after from; 24:00 for midnight.")]
    public string? To { get; init; }
}

public sealed record HolidayRequest
{
    [Description("yyyy-MM-dd in the calendar's zone.")]
    public string? Date { get; init; }

    public string? Name { get; init; }

    [Description("Repeats its month and day every year.")]
    public bool? Yearly { get; init; }
}

/// <summary><c>GET /sla-policies/{id}?version=</c>: one of the kept versions instead of the newest.</summary>
public sealed record SlaPolicyVersionParameters(
    [Query("version", Type = QueryType.Integer, Minimum = 1, Description = "A kept version (1, 2, …); absent: the newest.")] string? Version = null);
