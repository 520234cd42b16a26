using System.Text.Json;
using Tickets.Common;
using Tickets.Sla;
using Tickets.Storage.Cosmos;
using Tickets.UnitTests.Tickets;

namespace Tickets.UnitTests.Storage.Cosmos;

public sealed class TicketDocumentTests
{
    [Fact]
    public void DocumentWrittenBeforeTheSlaConditionFieldsStillReads()
    {
        var document = JsonSerializer.SerializeToNode(TicketDocument.From(Build.NewTicket()), Json.Options)!.AsObject();
        document.Remove("slaPhase");
        document.Remove("slaWarningAt");
        var sla = document["ticket"]!["sla"]!.AsObject();
        foreach (var added in new[] { "calendar", "firstResponseWarningAt", "resolutionWarningAt", "resolutionRestartedAt", "pauses", "generation" })
            Assert.True(sla.Remove(added), added);

        var ticket = document.Deserialize<TicketDocument>(Json.Options)!.ToTicket("etag");

        Assert.Equal(("24x7", 0, 0), (ticket.Sla.Calendar, ticket.Sla.Generation, ticket.Sla.Pauses.Count));
        Assert.Equal(ticket.Sla.FirstResponseDueAt, SlaStanding.Of(ticket).WarningAt); // no warning point: never "at risk"
    }

    [Fact]
    public void DocumentCarriesTheSlaPhaseAndWarningPointListsFilterOn()
    {
        var ticket = Build.NewTicket("critical");

        var document = JsonSerializer.SerializeToElement(TicketDocument.From(ticket), Json.Options);

        Assert.Equal("running", document.GetProperty("slaPhase").GetString());
        Assert.Equal(SortableTime.Of(ticket.Sla.FirstResponseWarningAt!.Value), document.GetProperty("slaWarningAt").GetString());
    }
}
