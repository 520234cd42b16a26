using System.Security.Cryptography;
using System.Text;

namespace Tickets.Inbound;

/// <summary>
/// The identity of an inbound message, whichever door it came in by and however often: the first 32 lowercase hex
/// digits of the SHA-256 of its <c>Message-ID</c> (trimmed, without angle brackets), or of its raw bytes when it has
/// none. The ticket or comment it becomes carries the same key as its id, so a redelivery or a concurrent copy asks the
/// ticket writer for the same id and changes nothing.
/// </summary>
public static class InboundMailKey
{
    public const int Length = 32;

    public static string Of(string? messageId, ReadOnlySpan<byte> raw)
    {
        var id = Normalize(messageId);
        return Hex(id.Length > 0 ? SHA256.HashData(Encoding.UTF8.GetBytes(id)) : SHA256.HashData(raw));
    }

    /// <summary>The Message-ID as compared: trimmed, without its angle brackets; empty when there is none.</summary>
    public static string Normalize(string? messageId) => (messageId ?? "").Trim().TrimStart('<').TrimEnd('>').Trim();

    /// <summary>The id of the ticket a new message opens.</summary>
    public static string TicketId(string key) => key;

    /// <summary>The id of the comment a reply writes (comments are ticket-scoped, so the same key cannot clash with a ticket).</summary>
    public static string CommentId(string key) => key;

    private static string Hex(byte[] hash) => Convert.ToHexStringLower(hash)[..Length];
}
