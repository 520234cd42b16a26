using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tickets.Common;

namespace Tickets.Administration.Audit;

/// <summary>Reading the admin audit log (<c>GET /audit</c>) and its upkeep (the <c>AuditSweep</c> timer).</summary>
public sealed partial class AuditLog(
    IAuditStore store, SignedCursors cursors, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditLog> logger)
{
    /// <summary>Only admins read the log, and all of them read the same one: the cursor names the filters, not the caller.</summary>
    private const string List = "audit";

    public async Task<Result<Page<AuditEntry>>> ListAsync(AuditListParameters parameters, CancellationToken cancellationToken)
    {
        var parsed = parameters.Parse(cursors, List);
        if (!parsed.IsSuccess) return parsed.Error!;
        var (query, list) = parsed.Value;
        return cursors.Sign(list, await store.ListAsync(query, cancellationToken));
    }

    /// <summary>Removes what is past <see cref="AuditOptions.RetentionDays"/> (where the store needs it) and delivers late entries.</summary>
    public async Task<AuditSweep> SweepAsync(CancellationToken cancellationToken)
    {
        var swept = await store.SweepAsync(time.GetUtcNow() - options.Value.Retention, cancellationToken);
        if (swept.Removed > 0 || swept.Relayed > 0) LogSwept(logger, swept.Removed, swept.Relayed);
        return swept;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit sweep removed {Removed} expired entries and delivered {Relayed} late ones")]
    private static partial void LogSwept(ILogger logger, int removed, int relayed);
}
