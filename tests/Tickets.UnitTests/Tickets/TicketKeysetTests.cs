using Tickets.Common;
using Tickets.Tickets;

namespace Tickets.UnitTests.Tickets;

/// <summary>The one definition of each list sort's key and cursor, which both stores page with.</summary>
public sealed class TicketKeysetTests
{
    [Theory]
    [InlineData(TicketSort.CreatedAtDescending)]
    [InlineData(TicketSort.Priority)]
    [InlineData(TicketSort.SlaDue)]
    public void ACursorReadsBackAsTheLastTicketsKey(TicketSort sort)
    {
        var ticket = Build.NewTicket("high");

        Assert.True(TicketKeyset.TryDecode(Cursor.Encode(TicketKeyset.KeyOf(ticket, sort)), sort, out var after));

        Assert.Equal(TicketKeyset.Of(sort).Parts.Select(part => TicketKeyset.ValueOf(part, ticket)), after);
    }

    [Fact]
    public void ACursorOfOneSortIsRefusedByAnother()
    {
        var cursor = Cursor.Encode(TicketKeyset.KeyOf(Build.NewTicket(), TicketSort.CreatedAt));

        Assert.False(TicketKeyset.IsCursorFor(cursor, TicketSort.UpdatedAt));
    }

    [Fact]
    public void ACursorWhosePartsAreNotItsSortsIsRefused()
    {
        Assert.False(TicketKeyset.IsCursorFor(Cursor.Encode(["created_at", "2026-03-02T09:00:00Z", "t1"]), TicketSort.CreatedAt));
    }

    [Fact]
    public void FinishedTicketsSortAfterEveryRunningSlaTarget()
    {
        var closed = Build.InStatus(TicketStatus.Closed);

        Assert.Equal(TicketIndexFields.Never, TicketIndexFields.Of(closed).SlaDueAt);
        Assert.Equal(TicketIndexFields.Never, TicketKeyset.ValueOf(TicketKeyPart.SlaDue, closed));
    }

    [Fact]
    public void TheSlaDueOfOpenWorkIsTheRunningTarget()
    {
        var ticket = Build.NewTicket();

        Assert.Equal(ticket.Sla.FirstResponseDueAt, TicketIndexFields.Of(ticket).SlaDueAt);
    }
}
