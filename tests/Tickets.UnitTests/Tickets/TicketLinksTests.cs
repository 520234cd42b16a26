using Tickets.Common;
using Tickets.Tickets;

namespace Tickets.UnitTests.Tickets;

public sealed class TicketLinksTests
{
    private static Ticket Another(string title = "Otro") => Build.NewTicket() with { Id = Guid.NewGuid().ToString("N"), Number = Random.Shared.Next(1000, 9999), Title = title };

    [Theory]
    [InlineData(TicketLinkType.Related, TicketLinkType.Related)]
    [InlineData(TicketLinkType.DuplicateOf, TicketLinkType.DuplicatedBy)]
    [InlineData(TicketLinkType.ParentOf, TicketLinkType.ChildOf)]
    public void EachTypeHasItsInverseBothWays(TicketLinkType type, TicketLinkType inverse)
    {
        Assert.Equal(inverse, TicketLinks.Inverse(type));
        Assert.Equal(type, TicketLinks.Inverse(inverse));
    }

    [Fact]
    public void OnlyRelatedDuplicateOfAndParentOfMayBeAskedFor()
    {
        Assert.Equal(TicketLinkType.ParentOf, new LinkRequest("x", "parent_of").TypeValue);
        Assert.Equal(["type"], new LinkRequest("x", "child_of").Validate().ToError()!.Errors!.Keys);
    }

    [Fact]
    public void LinkingTheSameWayAgainChangesNothingAndAnotherWayIsAConflictNamingTicketId()
    {
        var other = Another();
        var linked = Build.NewTicket().Link(Build.Technician, other, TicketLinkType.Related, Build.Start).Value.Ticket;

        Assert.True(linked.Link(Build.Technician, other, TicketLinkType.Related, Build.Start).Value.IsEmpty);
        var refused = linked.Link(Build.Technician, other, TicketLinkType.ParentOf, Build.Start).Error!;
        Assert.Equal(ErrorKind.Conflict, refused.Kind);
        Assert.Equal(["ticketId"], refused.Errors!.Keys);
    }

    [Fact]
    public void FiftyLinksAreTheMostATicketHolds()
    {
        var ticket = Build.NewTicket();
        for (var i = 0; i < TicketLinks.MaxCount; i++) ticket = ticket.Link(Build.Technician, Another(), TicketLinkType.Related, Build.Start).Value.Ticket;

        var refused = ticket.Link(Build.Technician, Another(), TicketLinkType.Related, Build.Start).Error!;

        Assert.Equal(FieldCodes.TooMany, refused.ErrorCodes!["ticketId"][0]);
    }

    [Fact]
    public void RequestersMayNotLinkNorMerge()
    {
        Assert.Equal(ErrorKind.Forbidden, Build.NewTicket().Link(Build.Requester, Another(), TicketLinkType.Related, Build.Start).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, Build.NewTicket().MergeInto(Build.Requester, Another(), Build.Rules(), Build.Start).Error!.Kind);
    }

    [Theory]
    [InlineData(TicketStatus.Open)]
    [InlineData(TicketStatus.OnHold)]
    [InlineData(TicketStatus.Resolved)]
    public void AMergedTicketIsClosedAsMergedFromAnyStatusAndPointsAtTheTarget(TicketStatus status)
    {
        var target = Another("Destino");

        var merged = Build.InStatus(status).MergeInto(Build.Technician, target, Build.Rules(), Build.Start).Value;

        Assert.Equal(TicketStatus.Closed, merged.Ticket.Status);
        Assert.Equal(target.Id, merged.Ticket.MergedInto!.TicketId);
        Assert.Equal("merged", merged.Events.Single(e => e.Type == TicketEventType.StatusChanged).Data.GetProperty("reason").GetString());
        Assert.False(merged.Ticket.ActionsFor(Build.Technician).Merge);
    }

    [Fact]
    public void TheTargetTakesTheSourcesPeopleUpToTheCcLimitAndOnlyOnce()
    {
        var source = Another() with
        {
            Requester = new Requester("u-source", "Sara Fuente", "Ventas"),
            Ccs = [.. Enumerable.Range(0, 25).Select(i => new TicketPerson($"u-cc{i}", $"Copia {i}"))],
        };
        var target = Build.NewTicket();

        var absorbed = target.AbsorbMerge(Build.Technician, source, [], Build.Start).Value;

        Assert.Equal(TicketCcs.MaxCount, absorbed.Ticket.Ccs.Count);
        Assert.Equal("u-source", absorbed.Ticket.Ccs[0].Id);
        Assert.True(absorbed.Ticket.AbsorbMerge(Build.Technician, source, [], Build.Start).Value.IsEmpty);
    }
}
