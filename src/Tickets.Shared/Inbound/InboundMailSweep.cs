using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tickets.Inbound;

/// <summary>
/// The e-mail channel's upkeep (timer <c>InboundMailSweep</c>, <c>Tickets:Inbound:SweepSchedule</c>): records of
/// messages processed more than <c>Tickets:Inbound:RecordLifetime</c> ago are removed. They are what drops a message
/// seen twice, so the lifetime outlasts any redelivery (a queue message lives 7 days, a raw message 30); running twice
/// removes nothing more.
/// </summary>
public sealed partial class InboundMailSweep(IInboundMailStore store, IOptions<InboundOptions> options, TimeProvider time, ILogger<InboundMailSweep> logger)
{
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var removed = await store.DeleteProcessedBeforeAsync(time.GetUtcNow() - options.Value.RecordLifetime, cancellationToken);
        if (removed > 0) LogRemoved(logger, removed);
        return removed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} record(s) of inbound mail processed before the record lifetime")]
    private static partial void LogRemoved(ILogger logger, int count);
}
