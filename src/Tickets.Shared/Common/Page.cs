using System.Text.Json.Serialization;

namespace Tickets.Common;

/// <summary>One page of a list: <c>{items, nextCursor, total?}</c>.</summary>
public sealed record Page<T>(
    IReadOnlyList<T> Items,
    string? NextCursor,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Total = null)
{
    public Page<TOut> Map<TOut>(Func<T, TOut> map) => new(Items.Select(map).ToList(), NextCursor, Total);
}

/// <summary>The one way every list pages: ask the store for one item more than the page holds.</summary>
public static class Page
{
    /// <summary>
    /// A page from <paramref name="fetched"/>, read with <see cref="PageRequest.Take"/>: the extra item, when it came,
    /// only says there is more; the next cursor is the key of the last item kept.
    /// </summary>
    public static Page<T> OfOneExtra<T>(List<T> fetched, PageRequest page, Func<T, IReadOnlyList<string?>> keyOf, long? total = null)
    {
        string? next = null;
        if (fetched.Count > page.Limit)
        {
            fetched.RemoveRange(page.Limit, fetched.Count - page.Limit);
            next = Cursor.Encode(keyOf(fetched[^1]));
        }

        return new Page<T>(fetched, next, total);
    }
}
