using System.Globalization;
using Tickets.Common;

namespace Tickets.Tickets;

/// <summary>One part of a ticket list's sort key; each adapter names the column or path that holds it.</summary>
public enum TicketKeyPart
{
    CreatedAt,
    UpdatedAt,
    Priority,
    SlaDue,
    Id,
}

/// <summary>
/// The keyset of each <see cref="TicketSort"/>, for both stores: the parts in order (the last always the id, the tie-break)
/// and the direction. A cursor is the sort's name, then the last ticket's key: instants as UTC ticks, the priority as its
/// rank, the id as is — so a cursor from one sort is refused by another, and both adapters write the same cursors.
/// </summary>
public sealed record TicketKeyset(IReadOnlyList<TicketKeyPart> Parts, bool Descending)
{
    public static TicketKeyset Of(TicketSort sort) => sort switch
    {
        TicketSort.CreatedAt => new([TicketKeyPart.CreatedAt, TicketKeyPart.Id], false),
        TicketSort.CreatedAtDescending => new([TicketKeyPart.CreatedAt, TicketKeyPart.Id], true),
        TicketSort.UpdatedAt => new([TicketKeyPart.UpdatedAt, TicketKeyPart.Id], false),
        TicketSort.UpdatedAtDescending => new([TicketKeyPart.UpdatedAt, TicketKeyPart.Id], true),
        TicketSort.Priority => new([TicketKeyPart.Priority, TicketKeyPart.CreatedAt, TicketKeyPart.Id], false),
        TicketSort.PriorityDescending => new([TicketKeyPart.Priority, TicketKeyPart.CreatedAt, TicketKeyPart.Id], true),
        _ => new([TicketKeyPart.SlaDue, TicketKeyPart.Id], false),
    };

    /// <summary>The value of <paramref name="part"/> for <paramref name="ticket"/>: a <see cref="DateTimeOffset"/>, the rank, or the id.</summary>
    public static object ValueOf(TicketKeyPart part, Ticket ticket) => part switch
    {
        TicketKeyPart.CreatedAt => ticket.CreatedAt,
        TicketKeyPart.UpdatedAt => ticket.UpdatedAt,
        TicketKeyPart.Priority => (int)ticket.Priority,
        TicketKeyPart.SlaDue => TicketIndexFields.SlaDueOf(ticket),
        _ => ticket.Id,
    };

    /// <summary>The cursor after <paramref name="last"/> in <paramref name="sort"/>.</summary>
    public static IReadOnlyList<string?> KeyOf(Ticket last, TicketSort sort) =>
        [Json.EnumName(sort), .. Of(sort).Parts.Select(part => Format(ValueOf(part, last)))];

    /// <summary>
    /// The key a cursor of <paramref name="sort"/> carries, as <see cref="ValueOf"/> types them; false for anything else.
    /// Signing keeps other cursors out; this keeps the parts honest.
    /// </summary>
    public static bool TryDecode(string? cursor, TicketSort sort, out IReadOnlyList<object> after)
    {
        after = [];
        var parts = Of(sort).Parts;
        if (cursor is null || !Cursor.TryDecode(cursor, parts.Count + 1, out var key) || key[0] != Json.EnumName(sort)) return false;
        var values = new List<object>(parts.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            if (Parse(parts[i], key[i + 1]) is not { } value) return false;
            values.Add(value);
        }

        after = values;
        return true;
    }

    public static bool IsCursorFor(string cursor, TicketSort sort) => TryDecode(cursor, sort, out _);

    /// <summary>A comments or history cursor: one whole, non-negative sequence number.</summary>
    public static bool IsSequenceCursor(string cursor) => TryDecodeSequence(cursor, out _);

    /// <summary>The sequence after which a comments or history page starts; -1 (the start) without a cursor.</summary>
    public static bool TryDecodeSequence(string? cursor, out long after)
    {
        after = -1;
        if (string.IsNullOrEmpty(cursor)) return true;
        return Cursor.TryDecode(cursor, 1, out var key) && long.TryParse(key[0], NumberStyles.None, CultureInfo.InvariantCulture, out after);
    }

    /// <summary>The cursor after a comment or event with <paramref name="sequence"/>.</summary>
    public static IReadOnlyList<string?> SequenceKey(long sequence) => [sequence.ToString(CultureInfo.InvariantCulture)];

    private static string Format(object value) => value switch
    {
        DateTimeOffset instant => instant.UtcTicks.ToString(CultureInfo.InvariantCulture),
        int rank => rank.ToString(CultureInfo.InvariantCulture),
        _ => (string)value,
    };

    private static object? Parse(TicketKeyPart part, string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (part == TicketKeyPart.Id) return text;
        if (part == TicketKeyPart.Priority)
            return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var rank) ? rank : null;
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTimeOffset.MaxValue.UtcTicks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
    }
}
