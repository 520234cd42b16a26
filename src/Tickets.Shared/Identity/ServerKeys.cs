using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Tickets.Identity;

/// <summary>
/// Keys for the service's own integrity checks (signed list cursors, hashed client addresses), derived with HKDF
/// from the configured JWT signing keys: one secret to keep in Key Vault, one rotation story. The first key signs;
/// every configured key verifies, so a rotation does not break a cursor in a client's hands.
/// </summary>
public sealed class ServerKeys(IOptions<JwtOptions> options)
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<byte[]>> _derived = new(StringComparer.Ordinal);

    /// <summary>The key for <paramref name="purpose"/> from the signing key first, then those of the other keys.</summary>
    public IReadOnlyList<byte[]> For(string purpose) => _derived.GetOrAdd(purpose, Derive);

    private IReadOnlyList<byte[]> Derive(string purpose)
    {
        var info = Encoding.UTF8.GetBytes("tickets/" + purpose);
        var keys = new List<byte[]>();
        foreach (var key in options.Value.SigningKeys)
        {
            var root = new byte[key.Key.Length];
            if (Convert.TryFromBase64String(key.Key, root, out var length) && length >= 32)
                keys.Add(HKDF.DeriveKey(HashAlgorithmName.SHA256, root.AsSpan(0, length).ToArray(), 32, salt: [], info: info));
        }

        return keys.Count > 0
            ? keys
            : throw new InvalidOperationException($"{JwtOptions.Section}:SigningKeys has no usable key to derive the '{purpose}' key from.");
    }
}
