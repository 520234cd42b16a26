using System.Buffers.Text;
using System.Text;
using System.Text.Json;
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

/// <summary>Opaque keyset cursors: the sort key of the last item seen, never an offset.</summary>
public static class Cursor
{
    public static string Encode(IReadOnlyList<string?> key) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(key));

    public static bool TryDecode(string? cursor, int parts, out IReadOnlyList<string?> key)
    {
        key = [];
        if (string.IsNullOrEmpty(cursor)) return true;
        try
        {
            var decoded = JsonSerializer.Deserialize<string?[]>(Base64Url.DecodeFromChars(cursor));
            if (decoded is null || decoded.Length != parts) return false;
            key = decoded;
            return true;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return false;
        }
    }
}

/// <summary>Validated paging arguments shared by every list.</summary>
public sealed record PageRequest(int Limit, string? Cursor, bool IncludeTotal)
{
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
