using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Tickets.Common;
using Tickets.Tickets.Export;
using Tickets.Users;

namespace Tickets.Reports;

/// <summary>
/// <c>GET /reports/summary</c> and its CSV: validates the filters, turns the dates into the instants the organisation's
/// days (<c>Tickets:Users:DefaultTimeZone</c>) start at, and asks the store for the figures of its report projection.
/// </summary>
public sealed class ReportService(IReportStore store, TimeProvider time, IOptions<UserOptions> users)
{
    public const int MaxDays = 366;

    public const int MaxKeyLength = 100;

    public async Task<Result<ReportSummary>> SummaryAsync(ReportParameters parameters, CancellationToken cancellationToken)
    {
        var zone = TimeZones.FindOr(null, users.Value.DefaultTimeZone);
        var now = time.GetUtcNow();
        var v = new Validator();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var to = DateOf(v, "to", parameters.To) ?? today;
        var from = DateOf(v, "from", parameters.From) ?? to.AddDays(-29);
        if (v.IsValid && from > to) v.Add("from", FieldCodes.InvalidRange, "Must be on or before to.");
        if (v.IsValid && to.DayNumber - from.DayNumber + 1 > MaxDays) v.Add("from", FieldCodes.InvalidRange, $"The range may span at most {MaxDays} days.");
        var teamId = Key(v, "teamId", parameters.TeamId);
        var category = Key(v, "category", parameters.Category);
        if (v.ToError() is { } invalid) return invalid;

        var dayStarts = Enumerable.Range(0, to.DayNumber - from.DayNumber + 2).Select(i => StartOf(from.AddDays(i), zone)).ToList();
        var filter = new ReportFilter(dayStarts[0], dayStarts[^1], teamId, category, dayStarts, now);
        var figures = await store.FiguresAsync(filter, cancellationToken);
        return ReportSummary.Of(from, to, zone.Id, teamId, category, figures);
    }

    /// <summary>The summary as CSV, one measure a line (<c>section,key,name,measure,value</c>), for spreadsheets and pivot tables.</summary>
    public async Task<Result<ReportCsvFile>> CsvAsync(ReportParameters parameters, CancellationToken cancellationToken)
    {
        var summary = await SummaryAsync(parameters, cancellationToken);
        if (!summary.IsSuccess) return summary.Error!;
        var s = summary.Value;
        var fileName = string.Create(CultureInfo.InvariantCulture, $"report-{s.From:yyyyMMdd}-{s.To:yyyyMMdd}.csv");
        return new ReportCsvFile(fileName, Csv(s));
    }

    public static string Csv(ReportSummary s)
    {
        var text = new StringBuilder().Append(TicketCsv.ByteOrderMark);
        TicketCsv.AppendRecord(text, ["section", "key", "name", "measure", "value"]);
        void Row(string section, string? key, string? name, string measure, object? value) =>
            TicketCsv.AppendRecord(text, [section, key, name, measure, Invariant(value)]);
        void Compliance(string section, string? key, string? name, long met, long breached, double? rate)
        {
            Row(section, key, name, "met", met);
            Row(section, key, name, "breached", breached);
            Row(section, key, name, "rate", rate);
        }

        Row("filter", "from", null, "date", s.From);
        Row("filter", "to", null, "date", s.To);
        Row("filter", "time_zone", null, "id", s.TimeZone);
        Row("filter", "team_id", null, "id", s.TeamId);
        Row("filter", "category", null, "id", s.Category);
        foreach (var (section, figure) in new[] { ("first_response", s.FirstResponse), ("resolution", s.Resolution) })
        {
            Row(section, null, null, "median_minutes", figure.MedianMinutes);
            Row(section, null, null, "p90_minutes", figure.P90Minutes);
            Row(section, null, null, "count", figure.Count);
        }

        var o = s.SlaCompliance.Overall;
        Compliance("sla_overall", null, null, o.Met, o.Breached, o.Rate);
        foreach (var p in s.SlaCompliance.ByPriority) Compliance("sla_by_priority", Json.EnumName(p.Priority), null, p.Met, p.Breached, p.Rate);
        foreach (var t in s.SlaCompliance.ByTeam) Compliance("sla_by_team", t.TeamId, t.Name, t.Met, t.Breached, t.Rate);
        foreach (var a in s.SlaCompliance.ByAssignee) Compliance("sla_by_assignee", a.AssigneeId, a.Name, a.Met, a.Breached, a.Rate);
        foreach (var b in s.BacklogByAge) Row("backlog", b.Band, null, "count", b.Count);
        foreach (var d in s.CreatedVsResolved)
        {
            Row("day", Invariant(d.Date), null, "created", d.Created);
            Row("day", Invariant(d.Date), null, "resolved", d.Resolved);
        }

        Row("reopen", null, null, "resolved", s.ReopenRate.Resolved);
        Row("reopen", null, null, "reopened", s.ReopenRate.Reopened);
        Row("reopen", null, null, "rate", s.ReopenRate.Rate);
        void Satisfaction(string section, string? key, string? name, long good, long bad, double? score)
        {
            Row(section, key, name, "good", good);
            Row(section, key, name, "bad", bad);
            Row(section, key, name, "score", score);
        }

        Satisfaction("satisfaction", null, null, s.Satisfaction.Good, s.Satisfaction.Bad, s.Satisfaction.Score);
        foreach (var t in s.Satisfaction.ByTeam) Satisfaction("satisfaction_by_team", t.Id, t.Name, t.Good, t.Bad, t.Score);
        foreach (var a in s.Satisfaction.ByAssignee) Satisfaction("satisfaction_by_assignee", a.Id, a.Name, a.Good, a.Bad, a.Score);
        return text.ToString();
    }

    private static string? Invariant(object? value) => value switch
    {
        null => null,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static DateOnly? DateOf(Validator v, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date.Year is >= 1970 and < 9000)
            return date;
        v.Add(field, FieldCodes.InvalidDate, "Must be a date as yyyy-MM-dd, e.g. 2026-03-02.");
        return null;
    }

    private static string? Key(Validator v, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var key = value.Trim();
        if (key.Length > MaxKeyLength) v.Add(field, FieldCodes.TooLong, $"Must be at most {MaxKeyLength} characters.");
        return key;
    }

    /// <summary>The instant <paramref name="day"/> starts in <paramref name="zone"/> (the first valid local time on a day that skips midnight).</summary>
    private static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(1);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}

/// <summary>A report as a CSV attachment: UTF-8 with a byte order mark, RFC 4180, formula-looking cells neutralised.</summary>
public sealed record ReportCsvFile(string FileName, string Text)
{
    public const string ContentType = "text/csv; charset=utf-8";
}
