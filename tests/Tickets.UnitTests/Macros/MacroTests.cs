using Tickets.Common;
using Tickets.Macros;
using Tickets.Tickets;
using Tickets.UnitTests.Tickets;

namespace Tickets.UnitTests.Macros;

/// <summary>A macro's placeholders are a fixed list; applied, its reply, status and priority are one change of the ticket.</summary>
public sealed class MacroTests
{
    private static readonly DateTimeOffset Later = Build.Start.AddMinutes(30);

    [Fact]
    public void UnknownPlaceholdersAreNamedOnceEachAndKnownOnesPass()
    {
        var unknown = MacroPlaceholders.Unknown("Hola {{requester.firstNames}} {{ requester.email }}, {{requester.email}} {{ticket.number}} {{x}}");

        Assert.Equal(["requester.email", "x"], unknown);
    }

    [Fact]
    public void FillReplacesEveryKnownPlaceholderSpacesInsideTheBracesAllowed()
    {
        var filled = MacroPlaceholders.Fill("Hola {{requester.firstNames}} {{ requester.lastNames }} ({{ticket.number}})",
            new Dictionary<string, string>
            {
                [MacroPlaceholders.RequesterFirstNames] = "Úrsula",
                [MacroPlaceholders.RequesterLastNames] = "Usuaria",
                [MacroPlaceholders.TicketNumber] = "TCK-000007",
            });

        Assert.Equal("Hola Úrsula Usuaria (TCK-000007)", filled);
    }

    [Fact]
    public void ABodyWithAnUnknownPlaceholderIsRefusedNamingBodyWithTheAllowedList()
    {
        var error = new CreateMacroRequest("Saludo", "Hola {{requester.email}}").Validate().ToError();

        var message = Assert.Single(error!.Errors!["body"]);
        Assert.Contains("{{requester.email}}", message, StringComparison.Ordinal);
        Assert.All(MacroPlaceholders.Allowed, a => Assert.Contains("{{" + a + "}}", message, StringComparison.Ordinal));
    }

    [Fact]
    public void AnUpdateMayClearTheStatusAndPriorityButACreateNamesAnEmptyOne()
    {
        Assert.Null(new UpdateMacroRequest(SetStatus: "", SetPriority: "").Validate().ToError());
        Assert.Equal(["setPriority", "setStatus"],
            new CreateMacroRequest("Saludo", "Hola.", SetStatus: "", SetPriority: "").Validate().ToError()!.Errors!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AReplyWithAStatusAndAPriorityIsOneRevisionWithBothEvents()
    {
        var ticket = Build.InStatus(TicketStatus.InProgress);

        var change = ticket.AddComment(Build.Technician, "c1", new CommentRequest("Hecho.", Status: "resolved"), Build.Rules(), Later, priority: Priority.High).Ok();

        Assert.Equal((ticket.Revision + 1, Priority.High, TicketStatus.Resolved), (change.Ticket.Revision, change.Ticket.Priority, change.Ticket.Status));
        Assert.Equal([TicketEventType.PriorityChanged, TicketEventType.StatusChanged],
            change.Events.Select(e => e.Type).Where(t => t is TicketEventType.PriorityChanged or TicketEventType.StatusChanged));
        Assert.Equal("c1", change.Comment!.Id);
    }

    [Fact]
    public void ATechnicianWhoIsNotTheAssigneeMayReplyButNotChangeThePriority()
    {
        var outcome = Build.InStatus(TicketStatus.InProgress)
            .AddComment(Build.OtherTechnician, "c1", new CommentRequest("Hola."), Build.Rules(), Later, priority: Priority.Critical);

        Assert.Equal(ErrorKind.Forbidden, outcome.Error!.Kind);
    }

    [Fact]
    public void TheSamePriorityIsNoChangeAndNeedsNoRight()
    {
        var ticket = Build.InStatus(TicketStatus.InProgress);

        var change = ticket.AddComment(Build.OtherTechnician, "c1", new CommentRequest("Hola."), Build.Rules(), Later, priority: ticket.Priority).Ok();

        Assert.DoesNotContain(change.Events, e => e.Type == TicketEventType.PriorityChanged);
    }
}
