using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Tickets.Identity;

namespace Tickets.Tickets.Resolution;

/// <summary>The requester's answer a link carries.</summary>
public enum ResolutionAnswer
{
    /// <summary>"Sí, está resuelto": the ticket closes.</summary>
    Confirm,

    /// <summary>"No, reabrir": the ticket goes back to work.</summary>
    Reopen,

    /// <summary>Satisfaction: the requester rates the resolution good (the ticket's status does not change).</summary>
    Good,

    /// <summary>Satisfaction: the requester rates the resolution bad.</summary>
    Bad,
}

/// <summary>
/// What a resolution link names: one resolution (<paramref name="ResolvedAt"/>) of one ticket, its requester, the answer and
/// when the link stops working. The number is there for the page to show before anyone acts.
/// </summary>
public sealed record ResolutionLinkClaims(
    string TicketId, long Number, string RequesterId, DateTimeOffset ResolvedAt, ResolutionAnswer Answer, DateTimeOffset ExpiresAt);

/// <summary>
/// Resolution link tokens: <c>{payload}.{HMAC-SHA256(key, payload)}</c>, both base64url, the payload a small JSON object
/// (<c>{v, t, n, u, r, a, e}</c>: version, ticket id, number, requester id, resolution time in UTC ticks, answer — confirm,
/// reopen, or a satisfaction rating good or bad —, expiry in Unix seconds) that the web page may read to show the ticket number and the answer. Nothing is stored: the key is
/// derived from the configured signing keys (<see cref="ServerKeys"/>, purpose <c>resolution-link</c>), the first signs and
/// every configured key verifies, so a key rotation leaves links in inboxes working. Single use comes from the ticket
/// itself (<see cref="ResolutionAnswers"/>): a link applies only while the ticket is still resolved by that resolution.
/// </summary>
public sealed class ResolutionLinkTokens(ServerKeys keys)
{
    private const string Purpose = "resolution-link";

    public string Create(ResolutionLinkClaims claims)
    {
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(
            new Payload(1, claims.TicketId, claims.Number, claims.RequesterId, claims.ResolvedAt.UtcTicks,
                Names[claims.Answer], claims.ExpiresAt.ToUnixTimeSeconds()),
            PayloadJson.Default.Payload));
        return payload + "." + Mac(payload, keys.For(Purpose)[0]);
    }

    /// <summary>The claims of a token this service signed (under any configured key), or null: malformed, forged or altered. Expiry is the caller's to judge.</summary>
    public ResolutionLinkClaims? Read(string? token)
    {
        if (token is null || token.Length > 1024) return null;
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == token.Length - 1) return null;
        var (payload, mac) = (token[..dot], token[(dot + 1)..]);
        if (!Base64Url.IsValid(mac)) return null;
        var given = Base64Url.DecodeFromChars(mac);
        if (!keys.For(Purpose).Any(key => CryptographicOperations.FixedTimeEquals(given, HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(payload)))))
            return null;

        Payload? read;
        try
        {
            read = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(payload), PayloadJson.Default.Payload);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return null;
        }

        if (read is not { V: 1, T: { } ticket, U: { } requester, A: { } name } || Names.FirstOrDefault(n => n.Value == name) is not { Value: not null } answer)
            return null;
        return new ResolutionLinkClaims(ticket, read.N, requester, new DateTimeOffset(read.R, TimeSpan.Zero), answer.Key, DateTimeOffset.FromUnixTimeSeconds(read.E));
    }

    /// <summary>The answer as the payload writes it (<c>a</c>).</summary>
    private static readonly Dictionary<ResolutionAnswer, string> Names = new()
    {
        [ResolutionAnswer.Confirm] = "confirm",
        [ResolutionAnswer.Reopen] = "reopen",
        [ResolutionAnswer.Good] = "good",
        [ResolutionAnswer.Bad] = "bad",
    };

    private static string Mac(string payload, byte[] key) => Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(payload)));

    internal sealed record Payload(int V, string? T, long N, string? U, long R, string? A, long E);
}

[JsonSerializable(typeof(ResolutionLinkTokens.Payload))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class PayloadJson : JsonSerializerContext;
