using System.Text.Json.Serialization;

namespace Tickets.Tickets;

/// <summary>A public comment or an internal note (staff only). Immutable.</summary>
public sealed record Comment(string Id, string TicketId, CommentAuthor Author, string Body, bool Internal, DateTimeOffset CreatedAt)
{
    public const int BodyMax = 5_000;

    [JsonIgnore]
    public long Sequence { get; init; }
}
