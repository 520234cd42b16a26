using System.Text.Json;
using Tickets.Common;
using Tickets.Sla;
using Tickets.Tickets;
using Tickets.Tickets.History;

namespace Tickets.UnitTests.Tickets;

public sealed class HistoryPayloadTests
{
    private static readonly IReadOnlyDictionary<Enum, Type> PayloadTypes = Payloads.Of(typeof(TicketEventType));

    [Fact]
    public void EveryHistoryEventTypeHasOnePayloadRecord()
    {
        var missing = Enum.GetValues<TicketEventType>().Where(t => !PayloadTypes.ContainsKey(t));

        Assert.Empty(missing);
    }

    /// <summary>A ticket's whole life, through every change the aggregate records.</summary>
    private static IEnumerable<TicketEvent> ALife()
    {
        var rules = Build.Rules(new SlaOptions { High = new SlaTarget { FirstResponse = TimeSpan.FromHours(1), Resolution = TimeSpan.FromHours(2) } });
        var at = Build.Start;
        var change = Ticket.Create("ticket-1", 1, new CreateTicketRequest("La impresora no imprime", "Atasco.", "high", "hardware"), Build.Requester,
            rules, at, (new Assignee(Build.OtherTechnician.Id, Build.OtherTechnician.Name), AssignmentReason.RoundRobin)).Ok();
        var steps = new List<Func<Ticket, Result<TicketChange>>>
        {
            t => t.Edit(Build.Admin, new UpdateTicketRequest("Impresora sin papel", "Sin papel.", "critical", "software"), rules, at = at.AddMinutes(5)),
            t => t.Assign(Build.Admin, new Assignee(Build.Technician.Id, Build.Technician.Name), at = at.AddMinutes(5)),
            t => t.AddComment(Build.Technician, "note-1", new CommentRequest("Nota", Internal: true), Build.Rules(), at = at.AddMinutes(5)),
            t => t.ChangeStatus(Build.Technician, TicketStatus.InProgress, null, Build.Rules(), at = at.AddMinutes(5)),
            t => t.ChangeStatus(Build.Technician, TicketStatus.OnHold, null, Build.Rules(), at = at.AddMinutes(5)),
            t => t.AddComment(Build.Requester, "comment-1", new CommentRequest("Sigue igual"), Build.Rules(), at = at.AddMinutes(30)),
            t => t.ChangeStatus(Build.Technician, TicketStatus.Resolved, "Cambiado el rodillo.", Build.Rules(), at = at.AddHours(5)),
            t => t.SetTags(Build.Technician, ["vpn", "red"], at = at.AddMinutes(5)),
            t => t.SetTags(Build.Technician, ["vpn"], at = at.AddMinutes(5)),
            t => t.Delete(Build.Admin, at = at.AddMinutes(5)),
        };

        var events = new List<TicketEvent>(change.Events);
        var ticket = change.Ticket;
        foreach (var step in steps)
        {
            change = step(ticket).Ok();
            events.AddRange(change.Events);
            ticket = change.Ticket;
        }

        return events;
    }

    [Fact]
    public void EachEventCarriesExactlyThePayloadRecordOfItsType()
    {
        var events = ALife().ToList();

        var lossy = events.Where(e =>
        {
            var type = PayloadTypes[e.Type];
            var again = JsonSerializer.SerializeToElement(e.Data.Deserialize(type, Json.Options), type, Json.Options);
            return again.GetRawText() != e.Data.GetRawText();
        }).Select(e => $"{e.Type}: {e.Data.GetRawText()}");

        Assert.Empty(lossy);
        Assert.Superset(
            new HashSet<TicketEventType>(
            [
                TicketEventType.Created, TicketEventType.Updated, TicketEventType.PriorityChanged, TicketEventType.Assigned, TicketEventType.Commented,
                TicketEventType.StatusChanged, TicketEventType.SlaStarted, TicketEventType.SlaPaused, TicketEventType.SlaResumed,
                TicketEventType.SlaMet, TicketEventType.SlaBreached, TicketEventType.Deleted,
            ]),
            events.Select(e => e.Type).ToHashSet());
    }

    [Fact]
    public void AnEditRecordsOnlyTheFieldsItChanged()
    {
        var ticket = Build.NewTicket();

        var edit = ticket.Edit(Build.Admin, new UpdateTicketRequest(Title: "Otro título", Description: ticket.Description), Build.Rules(), Build.Start).Ok();

        var updated = Assert.Single(edit.Events, e => e.Type == TicketEventType.Updated);
        Assert.Equal("""{"changes":{"title":{"before":"La impresora no imprime","after":"Otro título"}}}""", updated.Data.GetRawText());
    }
}
