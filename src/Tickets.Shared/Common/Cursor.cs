using System.Buffers.Text;
using System.Text.Json;

namespace Tickets.Common;

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
