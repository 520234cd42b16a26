using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Tickets.Identity;

/// <summary>
/// The secret of a set-password link is <c>{id}.{HMAC(server key, id)}</c>: the random id travels through the outbox and
/// the queue, the secret is worked out again only when the e-mail is written. So nothing stored — the token table, the
/// outbox, the queue — holds a usable link; the store keeps only the secret's SHA-256.
/// </summary>
public sealed class PasswordTokenSecrets(ServerKeys keys)
{
    private const string Purpose = "password-token";

    /// <summary>128 random bits, URL-safe: names a link without being one.</summary>
    public static string NewId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>The secret of <paramref name="id"/> under the signing key.</summary>
    public string Create(string id) => Secret(id, keys.For(Purpose)[0]);

    /// <summary>The secret of <paramref name="id"/> under every configured key, the signing key first (a key may have rotated since).</summary>
    public IEnumerable<string> Candidates(string id) => keys.For(Purpose).Select(key => Secret(id, key));

    public static string Hash(string secret) => RefreshTokenSecret.Hash(secret);

    private static string Secret(string id, byte[] key) =>
        id + "." + Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(id)));
}
