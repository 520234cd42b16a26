using Microsoft.Extensions.Time.Testing;
using Tickets.Sla;
using Tickets.Tickets;

namespace Tickets.UnitTests.Tickets;

public sealed class SlaTests
{
    private readonly FakeTimeProvider _time = new(Build.Start);

    [Theory]
    [InlineData("critical", 1, 4)]
    [InlineData("high", 4, 24)]
    [InlineData("medium", 8, 72)]
    [InlineData("low", 24, 120)]
    public void DueTimesFollowTheDefaultPolicyForThePriority(string priority, int responseHours, int resolutionHours)
    {
        var ticket = Build.NewTicket(priority, _time.GetUtcNow());

        Assert.Equal(_time.GetUtcNow().AddHours(responseHours), ticket.Sla.FirstResponseDueAt);
        Assert.Equal(_time.GetUtcNow().AddHours(resolutionHours), ticket.Sla.ResolutionDueAt);
        Assert.Equal("default:v1", ticket.Sla.Policy);
    }

    [Fact]
    public void ConfiguredTargetsReplaceTheDefaults()
    {
        var sla = new SlaOptions { PolicyId = "soporte", Version = 3 };
        sla.Critical.FirstResponse = TimeSpan.FromMinutes(15);

        var ticket = Build.NewTicket("critical", _time.GetUtcNow(), Build.Rules(sla));

        Assert.Equal(_time.GetUtcNow().AddMinutes(15), ticket.Sla.FirstResponseDueAt);
        Assert.Equal("soporte:v3", ticket.Sla.Policy);
    }

    [Fact]
    public void PriorityChangeRecomputesDueTimesFromCreation()
    {
        var created = _time.GetUtcNow();
        var ticket = Build.NewTicket("low", created);
        _time.Advance(TimeSpan.FromMinutes(30));

        var raised = ticket.Edit(Build.Admin, new UpdateTicketRequest(Priority: "critical"), Build.Rules(), _time.GetUtcNow()).Ok().Ticket;

        Assert.Equal(created.AddHours(1), raised.Sla.FirstResponseDueAt);
        Assert.Equal(created.AddHours(4), raised.Sla.ResolutionDueAt);
    }

    [Fact]
    public void TimeOnHoldDoesNotCount()
    {
        var ticket = Build.NewTicket("medium", _time.GetUtcNow()) with { Assignee = new Assignee(Build.Technician.Id, Build.Technician.Name) };
        var dueBefore = ticket.Sla.ResolutionDueAt;
        ticket = ticket.ChangeStatus(Build.Technician, TicketStatus.InProgress, null, Build.Rules(), _time.GetUtcNow()).Ok().Ticket;
        ticket = ticket.ChangeStatus(Build.Technician, TicketStatus.OnHold, null, Build.Rules(), _time.GetUtcNow()).Ok().Ticket;
        Assert.Equal(_time.GetUtcNow(), ticket.Sla.PausedAt);

        _time.Advance(TimeSpan.FromHours(5));
        ticket = ticket.ChangeStatus(Build.Technician, TicketStatus.InProgress, null, Build.Rules(), _time.GetUtcNow()).Ok().Ticket;

        Assert.Null(ticket.Sla.PausedAt);
        Assert.Equal(dueBefore.AddHours(5), ticket.Sla.ResolutionDueAt);
    }

    [Fact]
    public void PauseAndResumeAreWrittenToHistory()
    {
        var ticket = Build.InStatus(TicketStatus.InProgress);

        var paused = ticket.ChangeStatus(Build.Technician, TicketStatus.OnHold, null, Build.Rules(), _time.GetUtcNow()).Ok();
        _time.Advance(TimeSpan.FromMinutes(90));
        var resumed = paused.Ticket.ChangeStatus(Build.Technician, TicketStatus.InProgress, null, Build.Rules(), _time.GetUtcNow()).Ok();

        Assert.Contains(paused.Events, e => e.Type == TicketEventType.SlaPaused);
        var resume = Assert.Single(resumed.Events, e => e.Type == TicketEventType.SlaResumed);
        Assert.Equal(90, resume.Data.GetProperty("pausedMinutes").GetInt64());
    }

    [Fact]
    public void FirstResponseInTimeIsMet()
    {
        var ticket = Build.NewTicket("critical", _time.GetUtcNow());
        _time.Advance(TimeSpan.FromMinutes(59));

        var change = ticket.AddComment(Build.Technician, "c", new CommentRequest("Voy."), Build.Rules(), _time.GetUtcNow()).Ok();

        Assert.False(change.Ticket.Sla.FirstResponseBreached);
        Assert.Contains(change.Events, e => e.Type == TicketEventType.SlaMet);
    }

    [Fact]
    public void LateFirstResponseIsMarkedBreached()
    {
        var ticket = Build.NewTicket("critical", _time.GetUtcNow());
        _time.Advance(TimeSpan.FromMinutes(61));

        var change = ticket.AddComment(Build.Technician, "c", new CommentRequest("Perdón por el retraso."), Build.Rules(), _time.GetUtcNow()).Ok();

        Assert.True(change.Ticket.Sla.FirstResponseBreached);
        Assert.Contains(change.Events, e => e.Type == TicketEventType.SlaBreached);
    }
}
