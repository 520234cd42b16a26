using System.Globalization;
using Tickets.Tickets;

namespace Tickets.Storage.Cosmos;

/// <summary>Instants as the <c>tickets</c> documents store them where they are compared or sorted.</summary>
internal static class SortableTime
{
    /// <summary>
    /// Fixed-width UTC ISO 8601 (Cosmos' recommended date form): string order is time order, and unlike ticks
    /// (≈ 6.4 × 10^17, beyond a double's 2^53) it survives Cosmos' JSON numbers exactly.
    /// </summary>
    public static string Of(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary><see cref="TicketIndexFields.Never"/>: finished tickets sort after every running SLA target, as in SQLite.</summary>
    public static readonly string Never = Of(TicketIndexFields.Never);
}
