using Microsoft.Extensions.Time.Testing;
using Tickets.Common;
using Tickets.Sla;
using Tickets.Tickets;

namespace Tickets.UnitTests.Tickets;

public sealed class SlaReportTests
{
    private readonly FakeTimeProvider _time = new(Build.Start);

    /// <summary>Plays a change on the ticket and keeps the history it writes, as the store would.</summary>
    private sealed class Story(Ticket ticket)
    {
        public Ticket Ticket { get; private set; } = ticket;

        public List<TicketEvent> History { get; } = [];

        public Story Then(Func<Ticket, Result<TicketChange>> change)
        {
            var applied = change(Ticket).Ok();
            Ticket = applied.Ticket;
            History.AddRange(applied.Events);
            return this;
        }
    }

    private Story AssignedMediumTicket()
    {
        var opened = Ticket.Create("t1", 7, new CreateTicketRequest("La VPN no conecta", "Error 809", "medium"),
            Build.Requester, Build.Rules(), _time.GetUtcNow()).Ok();
        var story = new Story(opened.Ticket);
        story.History.AddRange(opened.Events);
        return story.Then(t => t.Assign(Build.Admin, new Assignee(Build.Technician.Id, Build.Technician.Name), _time.GetUtcNow()));
    }

    [Fact]
    public void RunningClockShowsTargetsDueTimesAndRemainingMinutes()
    {
        var story = AssignedMediumTicket();
        _time.Advance(TimeSpan.FromMinutes(90));

        var report = SlaReport.Build(story.Ticket, story.History, Build.Rules().Sla, _time.GetUtcNow());

        Assert.Equal("default:v1", report.Policy);
        Assert.Equal("24x7", report.Calendar.Name);
        Assert.Equal(8 * 60, report.FirstResponse.TargetMinutes);
        Assert.Equal(8 * 60 - 90, report.FirstResponse.RemainingMinutes);
        Assert.Equal(72 * 60 - 90, report.Resolution.RemainingMinutes);
        Assert.Null(report.FirstResponse.Met);
        Assert.False(report.Resolution.Breached);
        Assert.Contains(report.Events, e => e.Type == TicketEventType.SlaStarted);
    }

    [Fact]
    public void OnHoldFreezesTheRemainingTimeAndRecordsThePauseWithItsReason()
    {
        var story = AssignedMediumTicket()
            .Then(t => t.ChangeStatus(Build.Technician, TicketStatus.InProgress, null, Build.Rules(), _time.GetUtcNow()));
        _time.Advance(TimeSpan.FromMinutes(30));
        story.Then(t => t.ChangeStatus(Build.Technician, TicketStatus.OnHold, null, Build.Rules(), _time.GetUtcNow()));
        _time.Advance(TimeSpan.FromHours(10));

        var report = SlaReport.Build(story.Ticket, story.History, Build.Rules().Sla, _time.GetUtcNow());

        Assert.True(report.Paused);
        Assert.Equal(72 * 60 - 30, report.Resolution.RemainingMinutes);
        var pause = Assert.Single(report.Pauses);
        Assert.Equal("on_hold", pause.Reason);
        Assert.Null(pause.To);
    }

    [Fact]
    public void ResumingClosesThePauseAndTheClockRunsAgain()
    {
        var story = AssignedMediumTicket()
            .Then(t => t.ChangeStatus(Build.Technician, TicketStatus.InProgress, null, Build.Rules(), _time.GetUtcNow()))
            .Then(t => t.ChangeStatus(Build.Technician, TicketStatus.OnHold, null, Build.Rules(), _time.GetUtcNow()));
        _time.Advance(TimeSpan.FromHours(2));
        story.Then(t => t.ChangeStatus(Build.Technician, TicketStatus.InProgress, null, Build.Rules(), _time.GetUtcNow()));
        _time.Advance(TimeSpan.FromMinutes(15));

        var report = SlaReport.Build(story.Ticket, story.History, Build.Rules().Sla, _time.GetUtcNow());

        Assert.False(report.Paused);
        Assert.Equal(Build.Start.AddHours(2), Assert.Single(report.Pauses).To);
        Assert.Equal(72 * 60 - 15, report.Resolution.RemainingMinutes);
    }

    [Fact]
    public void ResolvingInTimeMeetsTheTargetAndStopsCounting()
    {
        var story = AssignedMediumTicket();
        _time.Advance(TimeSpan.FromHours(3));
        story.Then(t => t.ChangeStatus(Build.Technician, TicketStatus.Resolved, "Reinstalado el cliente VPN", Build.Rules(), _time.GetUtcNow()));
        _time.Advance(TimeSpan.FromDays(10));

        var report = SlaReport.Build(story.Ticket, story.History, Build.Rules().Sla, _time.GetUtcNow());

        Assert.True(report.FirstResponse.Met);
        Assert.True(report.Resolution.Met);
        Assert.False(report.Resolution.Breached);
        Assert.Null(report.Resolution.RemainingMinutes);
    }

    [Fact]
    public void OverdueUnansweredTicketShowsAsBreachedWithNegativeRemainingTime()
    {
        var story = AssignedMediumTicket();
        _time.Advance(TimeSpan.FromHours(9));

        var report = SlaReport.Build(story.Ticket, story.History, Build.Rules().Sla, _time.GetUtcNow());

        Assert.True(report.FirstResponse.Breached);
        Assert.Equal(-60, report.FirstResponse.RemainingMinutes);
    }
}
