using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Tickets.Identity;

namespace Tickets.Common;

/// <summary>
/// What clients hold as <c>nextCursor</c>: a store's keyset cursor plus an HMAC over it and the list it belongs to
/// (<c>tickets:{caller}</c>, <c>comments:{ticket}</c>, …). A cursor that was altered, forged or taken from another
/// list is refused before any store sees it, so stores only ever parse cursors they wrote. A list with filters or a
/// sort names them in its list (<see cref="Filtered"/>), so a cursor only pages on under the filters it was handed out for.
/// </summary>
public sealed class SignedCursors(ServerKeys keys)
{
    private const int MacBytes = 16;

    /// <summary>The cursor to hand out; null stays null (last page).</summary>
    public string? Sign(string list, string? storeCursor) =>
        storeCursor is null ? null : storeCursor + "." + Base64Url.EncodeToString(Mac(keys.For("cursor")[0], list, storeCursor));

    public Page<T> Sign<T>(string list, Page<T> page) => page with { NextCursor = Sign(list, page.NextCursor) };

    /// <summary>The store's cursor inside <paramref name="cursor"/> if this service signed it for <paramref name="list"/>.</summary>
    public bool TryOpen(string list, string cursor, out string storeCursor)
    {
        storeCursor = "";
        var dot = cursor.LastIndexOf('.');
        if (dot <= 0 || cursor.Length > 2048) return false;

        Span<byte> mac = stackalloc byte[MacBytes + 3];
        if (Base64Url.DecodeFromChars(cursor.AsSpan(dot + 1), mac, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != MacBytes)
        {
            return false;
        }

        var inner = cursor[..dot];
        foreach (var key in keys.For("cursor"))
        {
            if (CryptographicOperations.FixedTimeEquals(Mac(key, list, inner), mac[..MacBytes]))
            {
                storeCursor = inner;
                return true;
            }
        }

        return false;
    }

    /// <summary>Opens <paramref name="cursor"/> (if any) for <paramref name="list"/>, or names <c>cursor</c> in <paramref name="v"/>.</summary>
    public PageRequest Open(Validator v, string list, PageRequest page)
    {
        if (page.Cursor is null) return page;
        if (TryOpen(list, page.Cursor, out var inner)) return page with { Cursor = inner };
        v.Add("cursor", FieldCodes.InvalidCursor, "Is not a cursor this list handed out: start again without it.");
        return page;
    }

    /// <summary>
    /// <paramref name="list"/> narrowed to one canonical form of its filters and sort (each filter's values already
    /// parsed, sorted and without repeats, in a fixed order): a cursor signed for it is refused under any other filters.
    /// Paging arguments (<c>limit</c>, <c>includeTotal</c>) are not filters. Every value is written with its length, so no
    /// two sets of filters read the same; the text only goes into the cursor's MAC, so it is not hashed first.
    /// </summary>
    public static string Filtered(string list, params ReadOnlySpan<object?> filters)
    {
        var text = new StringBuilder(list, list.Length + 16 * filters.Length).Append('?');
        foreach (var filter in filters) Append(text, filter).Append(';');
        return text.ToString();

        static StringBuilder Append(StringBuilder text, object? value) => value switch
        {
            null => text.Append('-'),
            string s => text.Append(s.Length).Append(':').Append(s),
            bool b => text.Append(b ? 't' : 'f'),
            Enum e => text.Append(e.ToString("D")),
            DateTimeOffset d => text.Append(d.UtcTicks),
            System.Collections.IEnumerable items => Items(text, items),
            _ => throw new ArgumentException($"A cursor's filter cannot be a {value.GetType().Name}.", nameof(filters)),
        };

        static StringBuilder Items(StringBuilder text, System.Collections.IEnumerable items)
        {
            text.Append('[');
            foreach (var item in items) Append(text, item).Append(',');
            return text.Append(']');
        }
    }

    private static byte[] Mac(byte[] key, string list, string storeCursor) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(list + "\n" + storeCursor)).AsSpan(0, MacBytes).ToArray();
}
