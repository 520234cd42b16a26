using Tickets.Common;
using Tickets.Tickets;

namespace Tickets.Stats;

/// <summary>
/// <c>GET /stats?from=&amp;to=</c>, by default the last 30 days: the stores project the period's tickets and count open
/// work per assignee; the figures are summed here, by one definition (<see cref="TicketStats.Of"/>), whatever the store.
/// </summary>
public sealed class StatsService(ITicketStore tickets, TimeProvider time)
{
    public const int MaxDays = 366;

    public async Task<Result<TicketStats>> GetAsync(string? from, string? to, CancellationToken cancellationToken)
    {
        var v = new Validator();
        var now = time.GetUtcNow();
        var end = Instants.Parse(v, "to", to, endOfDay: true) ?? now;
        var start = Instants.Parse(v, "from", from, endOfDay: false) ?? end.AddDays(-30);
        if (v.IsValid && start >= end) v.Add("from", FieldCodes.InvalidRange, "Must be before to.");
        if (v.IsValid && end - start > TimeSpan.FromDays(MaxDays)) v.Add("from", FieldCodes.InvalidRange, $"The range may span at most {MaxDays} days.");
        if (v.ToError() is { } invalid) return invalid;

        var figures = await tickets.FiguresAsync(start, end, cancellationToken);
        var load = await tickets.OpenLoadAsync(cancellationToken);
        return TicketStats.Of(start, end, now, figures, load);
    }
}
