using Microsoft.Azure.Cosmos;
using Tickets.Common;
using Tickets.Reports;
using Tickets.Tickets;

namespace Tickets.Storage.Cosmos.Reports;

/// <summary>
/// Reports over the <c>facts</c> each ticket document carries (written in the ticket's own batch). Three range queries
/// project only those facts — tickets created in the range, tickets resolved in it, open work — and the figures are
/// summed by <see cref="ReportFigures.Of"/>, the rule the SQLite adapter follows in SQL. The cost is the documents read:
/// about one RU per few KB of projected documents, so bounded by the range (at most <see cref="ReportService.MaxDays"/>
/// days) and the backlog; percentiles are taken from the same projection, never from a second query.
/// </summary>
public sealed class CosmosReportStore(Container tickets) : IReportStore
{
    private static readonly string[] OpenStatuses = [.. new[] { TicketStatus.Open, TicketStatus.InProgress, TicketStatus.OnHold }.Select(Json.EnumName)];

    public async Task<ReportFigures> FiguresAsync(ReportFilter filter, CancellationToken cancellationToken = default)
    {
        var created = await FactsAsync(filter, "c.createdAt >= @from AND c.createdAt < @to", cancellationToken);
        var resolved = await FactsAsync(filter, "c.resolvedAt >= @from AND c.resolvedAt < @to", cancellationToken);
        var open = await FactsAsync(filter, "ARRAY_CONTAINS(@open, c.status)", cancellationToken);
        return ReportFigures.Of(filter, created, resolved, open);
    }

    private async Task<List<TicketFacts>> FactsAsync(ReportFilter filter, string range, CancellationToken cancellationToken)
    {
        var where = $"c.type = @type AND c.deleted = false AND {range}"
            + (filter.TeamId is null ? "" : " AND c.teamId = @team")
            + (filter.Category is null ? "" : " AND c.category = @category");
        var query = new QueryDefinition($"SELECT c.facts FROM c WHERE {where}")
            .WithParameter("@type", TicketDocumentTypes.Ticket)
            .WithParameter("@from", SortableTime.Of(filter.From))
            .WithParameter("@to", SortableTime.Of(filter.To))
            .WithParameter("@open", OpenStatuses);
        if (filter.TeamId is not null) query = query.WithParameter("@team", filter.TeamId);
        if (filter.Category is not null) query = query.WithParameter("@category", filter.Category);
        var rows = await tickets.QueryAllAsync<FactsRow>(query, cancellationToken);
        // A document not written since reports has no facts: it joins the figures at its next change.
        return [.. rows.Where(r => r.Facts is not null).Select(r => r.Facts!)];
    }

    private sealed record FactsRow(TicketFacts? Facts);
}
