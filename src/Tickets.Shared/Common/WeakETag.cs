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
    // The parts go into one buffer and are hashed once: one SHA-256 call per answer, not one per part.
    private readonly ArrayBufferWriter<byte> _parts = new(1024);

    public WeakETag(string kind) => Add(kind);

    public WeakETag Add(string? part)
    {
        if (part is null)
        {
            BinaryPrimitives.WriteInt32LittleEndian(_parts.GetSpan(4), -1);
            _parts.Advance(4);
            return this;
        }

        var length = Encoding.UTF8.GetByteCount(part);
        var span = _parts.GetSpan(length + 4);
        BinaryPrimitives.WriteInt32LittleEndian(span, length);
        Encoding.UTF8.GetBytes(part, span[4..]);
        _parts.Advance(length + 4);
        return this;
    }

    public WeakETag Add(long? number) => Add(number?.ToString(CultureInfo.InvariantCulture));

    public WeakETag Add(DateTimeOffset? instant) => Add(instant?.UtcTicks);

    /// <summary>The tag as it goes on the wire: <c>W/"…"</c>.</summary>
    public string Build()
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(_parts.WrittenSpan, digest);
        _parts.Clear();
        return $"W/\"{Base64Url.EncodeToString(digest[..16])}\"";
    }

    public void Dispose() => _parts.Clear();
}
