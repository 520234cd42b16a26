using Tickets.Tickets;

namespace Tickets.Sla.Policies;

/// <summary>
/// What the <c>Tickets:Sla</c> settings put in an empty store: the business calendar <c>business</c> from
/// <c>Tickets:Sla:Calendar</c> (always, so admins can move policies onto it), and the default policy
/// <c>Tickets:Sla:PolicyId</c> at version <c>Tickets:Sla:Version</c> (so tickets made before the store held policies,
/// <c>default:v1</c>, find their version) with the targets of each priority. A policy has one calendar: when any priority's
/// <c>Calendar</c> is <c>business</c>, the policy runs on <c>business</c> and the priorities set to <c>24x7</c> are marked
/// <see cref="PriorityTargets.TwentyFourSeven"/>; otherwise the policy is 24×7 — either way every priority measures what it did.
/// </summary>
public static class SlaSeed
{
    /// <summary>The seeded names are Spanish, like the product's first language; admins rename them.</summary>
    public const string PolicyName = "Predeterminada";

    public const string CalendarName = "Horario laboral";

    public static (CalendarDefinition Calendar, SlaPolicyVersion Policy) From(SlaOptions settings, DateTimeOffset at)
    {
        var problems = new List<string>();
        var clock = settings.Calendar.Build($"{SlaOptions.Section}:Calendar", problems)
            ?? throw new InvalidOperationException(string.Join(" ", problems));
        var view = clock.Describe();
        var calendar = new CalendarDefinition(
            BusinessCalendar.CalendarName,
            CalendarName,
            view.TimeZone!,
            [.. view.Week!.Select(day => new CalendarDay(CalendarDefinition.DayNames[(int)day.Day],
                [.. day.Ranges.Select(r => r.Split('-')).Select(r => new TimeRange(r[0], r[1]))]))],
            [.. view.Holidays!.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
                .Select(d => new Holiday(d, d, Yearly: false))]);

        var usesCalendar = Enum.GetValues<Priority>().Any(p => settings.For(p).RunsOnBusinessCalendar);
        PriorityTargets Targets(Priority priority)
        {
            var target = settings.For(priority);
            return new PriorityTargets(PriorityTargets.Minutes(target.FirstResponse), PriorityTargets.Minutes(target.Resolution))
            {
                TwentyFourSeven = usesCalendar && !target.RunsOnBusinessCalendar,
            };
        }

        var policy = new SlaPolicyVersion(
            settings.PolicyId.Trim(), PolicyName, settings.Version,
            new PolicyTargets(Targets(Priority.Critical), Targets(Priority.High), Targets(Priority.Medium), Targets(Priority.Low)),
            usesCalendar ? calendar.Id : null, settings.WarningAt, at)
        {
            Calendar = usesCalendar ? calendar : null,
        };
        return (calendar, policy);
    }
}
