namespace Tickets.Common;

/// <summary>Validated paging arguments shared by every list.</summary>
public sealed record PageRequest(int Limit, string? Cursor, bool IncludeTotal)
{
    /// <summary>How many items a store asks for: one more than the page holds (see <see cref="Page.OfOneExtra"/>).</summary>
    public int Take => Limit + 1;

    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;

    public static PageRequest Parse(Validator validator, string? limit, string? cursor, string? includeTotal)
    {
        var size = DefaultLimit;
        if (!string.IsNullOrEmpty(limit) && (!int.TryParse(limit, out size) || size is < 1 or > MaxLimit))
            validator.Add("limit", FieldCodes.OutOfRange, $"Must be a whole number from 1 to {MaxLimit}.");

        var total = false;
        if (!string.IsNullOrEmpty(includeTotal) && !bool.TryParse(includeTotal, out total))
            validator.Add("includeTotal", FieldCodes.NotBoolean, "Must be true or false.");

        return new PageRequest(size, string.IsNullOrEmpty(cursor) ? null : cursor, total);
    }
}
