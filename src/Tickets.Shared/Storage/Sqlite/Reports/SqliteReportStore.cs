using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Tickets.Common;
using Tickets.Reports;
using Tickets.Tickets;

namespace Tickets.Storage.Sqlite.Reports;

/// <summary>
/// Reports over <c>ticket_facts</c>, the narrow row every ticket write keeps beside the ticket (<see cref="WriteAsync"/>):
/// counts and sums in SQL over the creation range (an index range per filter), percentiles as one indexed row each
/// (<c>ORDER BY … LIMIT 1 OFFSET rank</c>), and per-day counts as one index range count per day.
/// </summary>
public sealed class SqliteReportStore(SqliteDatabase database) : IReportStore
{
    /// <summary>Writes the ticket's report row in the caller's transaction: replaced on every change, removed once the ticket is deleted.</summary>
    internal static async Task WriteAsync(SqliteConnection connection, SqliteTransaction transaction, Ticket ticket, CancellationToken cancellationToken)
    {
        if (ticket.DeletedAt is not null)
        {
            await using var delete = connection.Command("DELETE FROM ticket_facts WHERE ticket_id = $id", transaction).With("$id", ticket.Id);
            await delete.ExecuteNonQueryAsync(cancellationToken);
            return;
        }

        var f = TicketFacts.Of(ticket);
        await using var upsert = connection.Command("""
            INSERT OR REPLACE INTO ticket_facts (ticket_id, created_at, priority_rank, category, team_id, team_name, assignee_id, assignee_name,
                first_response_minutes, resolution_minutes, first_response_met, resolution_met, sla_met, resolved_at, resolved, reopened, open, satisfaction)
            VALUES ($id, $created, $rank, $category, $team, $teamName, $assignee, $assigneeName,
                $frMinutes, $resMinutes, $frMet, $resMet, $slaMet, $resolvedAt, $resolved, $reopened, $open, $satisfaction)
            """, transaction);
        upsert.Parameters.Clear();
        await upsert
            .With("$id", f.TicketId).With("$created", f.CreatedAt.Ticks()).With("$rank", (int)f.Priority).With("$category", f.Category)
            .With("$team", f.TeamId).With("$teamName", f.TeamName).With("$assignee", f.AssigneeId).With("$assigneeName", f.AssigneeName)
            .With("$frMinutes", f.FirstResponseMinutes).With("$resMinutes", f.ResolutionMinutes)
            .With("$frMet", Flag(f.FirstResponseMet)).With("$resMet", Flag(f.ResolutionMet)).With("$slaMet", Flag(f.SlaMet))
            .With("$resolvedAt", f.ResolvedAt.Ticks()).With("$resolved", f.Resolved ? 1 : 0).With("$reopened", f.Reopened ? 1 : 0).With("$open", f.Open ? 1 : 0)
            .With("$satisfaction", f.Satisfaction is { } rating ? (rating == SatisfactionRating.Good ? 1 : 0) : null)
            .ExecuteNonQueryAsync(cancellationToken);
    }

    private static object? Flag(bool? value) => value is { } known ? (known ? 1 : 0) : null;

    public async Task<ReportFigures> FiguresAsync(ReportFilter filter, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var scope = new StringBuilder();
        if (filter.TeamId is not null) scope.Append(" AND team_id = $team");
        if (filter.Category is not null) scope.Append(" AND category = $category");
        var created = $"created_at >= $from AND created_at < $to{scope}";

        SqliteCommand Command(string sql)
        {
            var command = connection.Command(sql);
            command.Parameters.Clear();
            command.With("$from", filter.From.Ticks()).With("$to", filter.To.Ticks()).With("$now", filter.Now.Ticks());
            if (filter.TeamId is not null) command.With("$team", filter.TeamId);
            if (filter.Category is not null) command.With("$category", filter.Category);
            return command;
        }

        long frCount, resCount, met, breached, resolved, reopened, good, bad;
        await using (var totals = Command($"""
            SELECT COUNT(first_response_minutes), COUNT(resolution_minutes), TOTAL(sla_met = 1), TOTAL(sla_met = 0), TOTAL(resolved), TOTAL(reopened),
                TOTAL(satisfaction = 1), TOTAL(satisfaction = 0)
            FROM ticket_facts WHERE {created}
            """))
        await using (var reader = await totals.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            (frCount, resCount) = (reader.GetInt64(0), reader.GetInt64(1));
            (met, breached, resolved, reopened) = ((long)reader.GetDouble(2), (long)reader.GetDouble(3), (long)reader.GetDouble(4), (long)reader.GetDouble(5));
            (good, bad) = ((long)reader.GetDouble(6), (long)reader.GetDouble(7));
        }

        async Task<Percentiles> PercentilesAsync(string column, long count)
        {
            if (count == 0) return new Percentiles(0, null, null);
            async Task<long> AtAsync(double p)
            {
                await using var command = Command($"SELECT {column} FROM ticket_facts WHERE {created} AND {column} IS NOT NULL ORDER BY {column} LIMIT 1 OFFSET $rank");
                command.With("$rank", Percentiles.Rank(p, count));
                return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            }

            return new Percentiles(count, await AtAsync(0.5), await AtAsync(0.9));
        }

        // Per group: how many tickets have the 1/0 flag column set each way (SLA kept or broken, rated good or bad); groups
        // with neither are left out.
        async Task<List<(string? Key, string? Name, long Yes, long No)>> SplitByAsync(
            string flag, string key, string? name, Func<SqliteDataReader, string?> keyOf)
        {
            var groups = new List<(string?, string?, long, long)>();
            await using var command = Command($"""
                SELECT {key}, {name ?? "NULL"}, TOTAL({flag} = 1), TOTAL({flag} = 0) FROM ticket_facts WHERE {created}
                GROUP BY {key} HAVING COUNT({flag}) > 0 ORDER BY {key}
                """);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                groups.Add((keyOf(reader), reader.GetStringOrNull(1), (long)reader.GetDouble(2), (long)reader.GetDouble(3)));
            return groups;
        }

        async Task<List<ComplianceCount>> ByAsync(string key, string? name, Func<SqliteDataReader, string?> keyOf) =>
            [.. (await SplitByAsync("sla_met", key, name, keyOf)).Select(g => new ComplianceCount(g.Key, g.Name, g.Yes, g.No))];

        async Task<List<SatisfactionCount>> RatedByAsync(string key, string name) =>
            [.. (await SplitByAsync("satisfaction", key, name, r => r.GetStringOrNull(0))).Select(g => new SatisfactionCount(g.Key, g.Name, g.Yes, g.No))];

        var backlog = new long[ReportFigures.BacklogBands.Count];
        {
            // Band i holds open work aged from BacklogBands[i] up to the next band's start.
            var bands = string.Join(", ", Enumerable.Range(0, backlog.Length).Select(i =>
                i + 1 < backlog.Length
                    ? $"TOTAL(created_at <= $now - $b{i} AND created_at > $now - $b{i + 1})"
                    : $"TOTAL(created_at <= $now - $b{i})"));
            await using var command = Command($"SELECT {bands} FROM ticket_facts WHERE open = 1{scope}");
            for (var i = 0; i < backlog.Length; i++) command.With($"$b{i}", ReportFigures.BacklogBands[i].Ticks);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            for (var i = 0; i < backlog.Length; i++) backlog[i] = (long)reader.GetDouble(i);
        }

        var days = new List<DayFigures>(filter.DayStarts.Count - 1);
        {
            var bounds = JsonSerializer.Serialize(filter.DayStarts.Zip(filter.DayStarts.Skip(1), (s, e) => new[] { s.UtcTicks, e.UtcTicks }));
            await using var command = Command($"""
                SELECT
                    (SELECT COUNT(*) FROM ticket_facts WHERE created_at >= json_extract(d.value, '$[0]') AND created_at < json_extract(d.value, '$[1]'){scope}),
                    (SELECT COUNT(*) FROM ticket_facts WHERE resolved_at >= json_extract(d.value, '$[0]') AND resolved_at < json_extract(d.value, '$[1]'){scope})
                FROM json_each($days) d ORDER BY d.key
                """);
            command.With("$days", bounds);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) days.Add(new DayFigures(reader.GetInt64(0), reader.GetInt64(1)));
        }

        return new ReportFigures(
            await PercentilesAsync("first_response_minutes", frCount),
            await PercentilesAsync("resolution_minutes", resCount),
            new ComplianceCount(null, null, met, breached),
            await ByAsync("priority_rank", null, r => Json.EnumName((Priority)r.GetInt32(0))),
            await ByAsync("team_id", "MAX(team_name)", r => r.GetStringOrNull(0)),
            await ByAsync("assignee_id", "MAX(assignee_name)", r => r.GetStringOrNull(0)),
            backlog,
            days,
            resolved,
            reopened,
            new SatisfactionCount(null, null, good, bad),
            await RatedByAsync("team_id", "MAX(team_name)"),
            await RatedByAsync("assignee_id", "MAX(assignee_name)"));
    }
}
