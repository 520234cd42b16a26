using System.ComponentModel;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Tickets.Common;

namespace Tickets.Tickets;

/// <summary>How a ticket relates to another, as seen from the ticket that holds the link; the other side holds the inverse.</summary>
public enum TicketLinkType
{
    Related,
    DuplicateOf,
    DuplicatedBy,
    ParentOf,
    ChildOf,
}

/// <summary>
/// Links between tickets. Staff ask for <c>related</c>, <c>duplicate_of</c> or <c>parent_of</c>; each ticket holds its side
/// (the other gets <see cref="Inverse"/>), at most <see cref="MaxCount"/> per ticket, one per pair.
/// </summary>
public static class TicketLinks
{
    public const int MaxCount = 50;

    /// <summary>
    /// How many public comments a merge copies at most: they are written with the target's change in one atomic write,
    /// which on Cosmos DB is one transactional batch (at most 100 operations, some taken by the ticket, history and outbox).
    /// </summary>
    public const int MaxCopiedComments = 80;

    /// <summary>The types a caller may ask for; their inverses are only ever written by the link itself.</summary>
    public static IReadOnlyList<TicketLinkType> Requestable { get; } = [TicketLinkType.Related, TicketLinkType.DuplicateOf, TicketLinkType.ParentOf];

    public static TicketLinkType Inverse(TicketLinkType type) => type switch
    {
        TicketLinkType.DuplicateOf => TicketLinkType.DuplicatedBy,
        TicketLinkType.DuplicatedBy => TicketLinkType.DuplicateOf,
        TicketLinkType.ParentOf => TicketLinkType.ChildOf,
        TicketLinkType.ChildOf => TicketLinkType.ParentOf,
        _ => TicketLinkType.Related,
    };

    /// <summary>
    /// The id of the copy of <paramref name="commentId"/> in <paramref name="targetId"/>: the same on every attempt, so a
    /// retried merge cannot copy a comment twice (a 32-hex id, as every comment's).
    /// </summary>
    public static string CopiedCommentId(string targetId, string commentId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"merge:{targetId}:{commentId}")))[..32];
}

/// <summary>One side of a link: the other ticket (its number and title as they were when linked) and how it relates.</summary>
public sealed record TicketLink(
    string TicketId,
    [property: Description("The other ticket's number, TCK-000123.")] string Number,
    [property: Description("The other ticket's title when the link was made.")] string Title,
    TicketLinkType Type);

/// <summary>Another ticket, by id and number (TCK-000123).</summary>
public sealed record TicketReference(string TicketId, string Number)
{
    public static TicketReference Of(Ticket ticket) => new(ticket.Id, ticket.DisplayNumber);
}

/// <summary><c>POST /tickets/{id}/links</c>.</summary>
public sealed record LinkRequest(
    [property: Description("The other ticket: its id or its number (TCK-000123).")] string? TicketId,
    [property: Description("related, duplicate_of (this ticket duplicates the other) or parent_of (this ticket is the other's parent).")] string? Type)
{
    [JsonIgnore]
    public TicketLinkType? TypeValue => CreateTicketRequest.Parse<TicketLinkType>(Type) is { } t && TicketLinks.Requestable.Contains(t) ? t : null;

    public Validator Validate()
    {
        var v = new Validator();
        if (string.IsNullOrWhiteSpace(TicketId)) v.Add("ticketId", FieldCodes.Required, "Required: the other ticket's id or number.");
        if (Type is null) v.Add("type", FieldCodes.Required, "Required: related, duplicate_of or parent_of.");
        else if (TypeValue is null) v.Add("type", FieldCodes.NotAllowed, "Must be one of: related, duplicate_of, parent_of.");
        return v;
    }
}

/// <summary><c>POST /tickets/{id}/merge</c>.</summary>
public sealed record MergeRequest(
    [property: Description("The ticket to merge this one into: its id or its number (TCK-000123).")] string? IntoId)
{
    public Validator Validate()
    {
        var v = new Validator();
        if (string.IsNullOrWhiteSpace(IntoId)) v.Add("intoId", FieldCodes.Required, "Required: the id or number of the ticket to merge into.");
        return v;
    }
}
