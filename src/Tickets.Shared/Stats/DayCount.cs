namespace Tickets.Stats;

public sealed record DayCount(DateOnly Day, long Count);
