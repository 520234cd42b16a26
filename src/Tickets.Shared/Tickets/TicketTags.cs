using Tickets.Common;

namespace Tickets.Tickets;

/// <summary>
/// Tags: staff-internal labels on a ticket. A tag is stored folded as search folds text (<see cref="Text.Fold"/>: lower
/// case, no accents, inner spaces collapsed), so "VPN", " vpn " and "Vpn" are one tag and "Impresión" is "impresion".
/// Each is 1–<see cref="MaxLength"/> characters of letters, digits, <c>-</c>, <c>_</c>, <c>.</c> and spaces (no commas,
/// which separate them in the list filter); a ticket has at most <see cref="MaxCount"/>, without repeats.
/// </summary>
public static class TicketTags
{
    public const int MaxLength = 40;
    public const int MaxCount = 20;

    /// <summary>The stored form of one tag (see the class remarks); it may still be invalid (<see cref="IsValid"/>).</summary>
    public static string Normalize(string? tag) => Text.Clean(Text.Fold(tag ?? ""));

    /// <summary>Whether a normalised tag is 1–40 allowed characters.</summary>
    public static bool IsValid(string tag) =>
        tag.Length is > 0 and <= MaxLength && tag.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or ' ');

    /// <summary>
    /// The set as stored: each normalised, repeats dropped (first one kept), in the order given. Problems name
    /// <paramref name="field"/>.
    /// </summary>
    public static List<string> Parse(Validator v, string field, IReadOnlyList<string?>? tags)
    {
        if (tags is null)
        {
            v.Add(field, FieldCodes.Required, "Required: an array of tags (empty to remove them all).");
            return [];
        }

        var result = new List<string>();
        foreach (var raw in tags)
        {
            var tag = Normalize(raw);
            if (raw is null || Text.Problem(raw) is not null || !IsValid(tag))
            {
                v.Add(field, FieldCodes.InvalidCharacters,
                    $"Each tag must be 1 to {MaxLength} letters, digits, spaces, '-', '_' or '.'; '{Shorten(raw)}' is not.");
                continue;
            }

            if (!result.Contains(tag, StringComparer.Ordinal)) result.Add(tag);
        }

        if (result.Count > MaxCount) v.Add(field, FieldCodes.TooMany, $"A ticket takes at most {MaxCount} tags.");
        return result;
    }

    private static string Shorten(string? raw) =>
        raw is null ? "null" : new string(raw.Take(MaxLength + 1).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}

/// <summary><c>PUT /tickets/{id}/tags</c>: the ticket's whole set of tags (an empty array removes them all).</summary>
public sealed record SetTagsRequest(
    [property: System.ComponentModel.Description("The ticket's tags: each 1–40 letters, digits, spaces, '-', '_' or '.', stored lower case without "
        + "accents; repeats are dropped; at most 20. Replaces the ticket's set.")]
    IReadOnlyList<string?>? Tags)
{
    /// <summary>The tags as stored, or the 400 naming <c>tags</c>.</summary>
    public Result<List<string>> Normalized()
    {
        var v = new Validator();
        var tags = TicketTags.Parse(v, "tags", Tags);
        return v.ToError() is { } invalid ? invalid : tags;
    }
}

/// <summary>A tag in use and on how many (not deleted) tickets.</summary>
public sealed record TagCount(string Tag, long Count);

/// <summary><c>GET /tags</c>: the most used tags first (ties by name).</summary>
public sealed record TagCompletion(IReadOnlyList<TagCount> Items);

/// <summary>The query string of <c>GET /tags</c>.</summary>
public sealed record TagParameters(
    [Query("q", MaxLength = TicketTags.MaxLength, Description = "The start of the tag (compared lower case, without accents); empty: the most used.")] string? Q = null);
