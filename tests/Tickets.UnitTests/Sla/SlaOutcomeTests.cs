using Tickets.Sla;

namespace Tickets.UnitTests.Sla;

/// <summary>One rule for met and breached, shared by the SLA report of a ticket and the figures of <c>/stats</c>.</summary>
public sealed class SlaOutcomeTests
{
    private static readonly DateTimeOffset Due = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ATargetFlaggedLateIsBreachedEvenOnceReached() =>
        Assert.Equal(SlaOutcome.Breached, SlaOutcomes.Of(reached: true, flagged: true, Due, clockAt: null));

    [Fact]
    public void AReachedTargetTheAggregateDidNotFlagIsMet() =>
        Assert.Equal(SlaOutcome.Met, SlaOutcomes.Of(reached: true, flagged: false, Due, clockAt: null));

    [Fact]
    public void AnAwaitedTargetIsBreachedFromTheMomentItIsDue()
    {
        Assert.Equal(SlaOutcome.Pending, SlaOutcomes.Of(reached: false, flagged: false, Due, clockAt: Due.AddTicks(-1)));
        Assert.Equal(SlaOutcome.Breached, SlaOutcomes.Of(reached: false, flagged: false, Due, clockAt: Due));
    }

    [Fact]
    public void AnAwaitedTargetWhoseClockNoLongerRunsIsNotJudged() =>
        Assert.Equal(SlaOutcome.Pending, SlaOutcomes.Of(reached: false, flagged: false, Due, clockAt: null));
}
