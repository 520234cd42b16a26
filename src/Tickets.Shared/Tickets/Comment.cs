using System.Text.Json.Serialization;

namespace Tickets.Tickets;

/// <summary>A public comment or an internal note (staff only). Immutable.</summary>
public sealed record Comment(string Id, string TicketId, CommentAuthor Author, string Body, bool Internal, DateTimeOffset CreatedAt)
{
    public const int BodyMax = 5_000;

    /// <summary>The most people one comment may mention.</summary>
    public const int MentionsMax = 20;

    /// <summary>The files it brought; an internal note's are internal. A <see cref="Common.ValueList{T}"/>, so a comment read back equals the one written.</summary>
    public IReadOnlyList<global::Tickets.Attachments.Attachment> Attachments { get; init => field = Common.ValueList.Of(value); } =
        Common.ValueList<global::Tickets.Attachments.Attachment>.Empty;

    /// <summary>How it came in, when not by the web: <c>email</c> for a reply the e-mail channel turned into it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Channel? Channel { get; init; }

    /// <summary>
    /// The people it mentions (<c>@Name</c>), as named when it was written; they are told of it. Only staff mention; an
    /// internal note mentions staff only. A <see cref="Common.ValueList{T}"/>; empty when none, so older comments read the same.
    /// </summary>
    public IReadOnlyList<TicketPerson> Mentions { get; init => field = Common.ValueList.Of(value); } = Common.ValueList<TicketPerson>.Empty;
    /// <summary>A copy of a public comment of a ticket merged into this one (author and time kept); null for the ticket's own.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TicketReference? MergedFrom { get; init; }

    [JsonIgnore]
    public long Sequence { get; init; }
}
