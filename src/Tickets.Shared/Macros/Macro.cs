using System.Text.Json.Serialization;
using Tickets.Tickets;

namespace Tickets.Macros;

/// <summary>
/// A canned response: a reply (public or an internal note) with placeholders, and optionally the status and priority it
/// sets in the same change. Personal ones belong to their owner alone; shared ones every staff member reads and only
/// admins change.
/// </summary>
public sealed record Macro
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>The reply, with placeholders (<see cref="MacroPlaceholders.Allowed"/>) filled in when applied.</summary>
    public required string Body { get; init; }

    /// <summary>Applied as an internal note, which the requester never reads.</summary>
    public bool Internal { get; init; }

    public TicketStatus? SetStatus { get; init; }

    public Priority? SetPriority { get; init; }

    public bool Shared { get; init; }

    /// <summary>Who made it; a personal macro is theirs alone.</summary>
    public required string OwnerId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Assigned by the store on every write; the HTTP ETag.</summary>
    [JsonIgnore]
    public string ETag { get; init; } = "";

    /// <summary>What the list sorts by: the name, case and accents folded.</summary>
    [JsonIgnore]
    public string NameKey => Common.Text.Fold(Name);

    public bool IsVisibleTo(string userId) => Shared || OwnerId == userId;
}

/// <summary><c>GET /macros</c>: the caller's personal macros and the shared ones, by name.</summary>
public sealed record MacroList(IReadOnlyList<Macro> Items);
