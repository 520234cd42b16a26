namespace Tickets.Reports;

/// <summary>The per-ticket report projection (<see cref="TicketFacts"/>), aggregated by the store over a filtered range.</summary>
public interface IReportStore
{
    /// <summary>The figures of the tickets <paramref name="filter"/> selects, by the rules of <see cref="ReportFigures.Of"/>.</summary>
    Task<ReportFigures> FiguresAsync(ReportFilter filter, CancellationToken cancellationToken = default);
}
