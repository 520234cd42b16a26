using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tickets.Common;

/// <summary>
/// A weak entity tag (<c>W/"…"</c>) for an answer made of parts that each have a version of their own — a page of
/// tickets is its caller, each ticket's id and ETag, the total and the next cursor. Hashing those few strings is far
/// cheaper than serialising the answer a second time, and says "the same thing for this caller" rather than "the same
/// bytes": time-dependent figures (minutes left on an SLA) are left out on purpose, clients count them down from due
/// times. The hash is truncated SHA-256; the parts are length-prefixed, so no two lists of parts collide by concatenation.
/// </summary>
public sealed class WeakETag : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public WeakETag(string kind) => Add(kind);

    public WeakETag Add(string? part)
    {
        if (part is null)
        {
            _hash.AppendData([0xFF, 0xFF, 0xFF, 0xFF]);
            return this;
        }

        var length = Encoding.UTF8.GetByteCount(part);
        var buffer = ArrayPool<byte>.Shared.Rent(length + 4);
        try
        {
            BinaryPrimitives.WriteInt32LittleEndian(buffer, length);
            Encoding.UTF8.GetBytes(part, buffer.AsSpan(4));
            _hash.AppendData(buffer, 0, length + 4);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return this;
    }

    public WeakETag Add(long? number) => Add(number?.ToString(CultureInfo.InvariantCulture));

    public WeakETag Add(DateTimeOffset? instant) => Add(instant?.UtcTicks);

    /// <summary>The tag as it goes on the wire: <c>W/"…"</c>.</summary>
    public string Build()
    {
        Span<byte> digest = stackalloc byte[32];
        _hash.GetHashAndReset(digest);
        return $"W/\"{Base64Url.EncodeToString(digest[..16])}\"";
    }

    public void Dispose() => _hash.Dispose();
}
