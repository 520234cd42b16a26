using System.ComponentModel;
using Tickets.Common;

namespace Tickets.Tickets.History;

/// <summary><c>ccs_changed</c>: who was copied in or taken off (the requester sees it too).</summary>
public sealed record CcsChangedData(
    [property: Description("People copied in.")] IReadOnlyList<TicketPerson> Added,
    [property: Description("People no longer copied.")] IReadOnlyList<TicketPerson> Removed) : IPayloadOf<TicketEventType>
{
    public static TicketEventType Kind => TicketEventType.CcsChanged;
}

/// <summary><c>followers_changed</c>: a member of staff started or stopped following the ticket (staff only).</summary>
public sealed record FollowersChangedData(
    [property: Description("Who started following.")] IReadOnlyList<TicketPerson> Added,
    [property: Description("Who stopped following.")] IReadOnlyList<TicketPerson> Removed) : IPayloadOf<TicketEventType>
{
    public static TicketEventType Kind => TicketEventType.FollowersChanged;
}
