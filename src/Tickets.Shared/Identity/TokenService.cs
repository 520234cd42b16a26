using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Tickets.Common;
using Tickets.Users;

namespace Tickets.Identity;

public sealed record AccessToken(string Token, int ExpiresInSeconds);

/// <summary>What a valid access token says: whose it is, the account's security stamp and the session it belongs to.</summary>
public sealed record AccessTokenClaims(string Subject, string SecurityStamp, string SessionId);

/// <summary>Issues and validates this service's access tokens (HS256, explicit allow-lists, key ids).</summary>
public sealed class TokenService
{
    private static readonly string[] AllowedAlgorithms = [SecurityAlgorithms.HmacSha256];

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly JwtOptions _options;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<SymmetricSecurityKey> _keys;
    private readonly TokenValidationParameters _parameters;

    // Checking a signature costs more than the rest of a small request, and a client sends the same token for up to its
    // whole lifetime: a token that passed every check is remembered (bounded), and on later requests only its lifetime is
    // checked again. Only tokens that validated are kept; the keys and rules are fixed for the process's life.
    private const int MaxRemembered = 10_000;
    private readonly ConcurrentDictionary<string, (AccessTokenClaims Claims, DateTime NotBefore, DateTime Expires)> _validated = new(StringComparer.Ordinal);

    public TokenService(IOptions<JwtOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        _keys = CreateKeys(_options.SigningKeys);
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = _options.Issuer,
            ValidAudience = _options.Audience,
            ValidAlgorithms = AllowedAlgorithms,
            IssuerSigningKeys = _keys,
            TryAllIssuerSigningKeys = false,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = TimeSpan.FromSeconds(_options.ClockSkewSeconds),
            LifetimeValidator = ValidateLifetime,
            NameClaimType = "name",
            RoleClaimType = "role",
        };
    }

    /// <summary>Claim names beyond the registered ones: the account's security stamp and the session (refresh-token family).</summary>
    public const string StampClaim = "sst";
    public const string SessionClaim = "sid";

    public AccessToken Issue(User user, string sessionId) =>
        Issue(user, sessionId, _time.GetUtcNow(), Guid.NewGuid().ToString("N"));

    /// <summary>
    /// A token issued at <paramref name="issuedAt"/> (whole seconds, as the token says) with id <paramref name="tokenId"/>:
    /// issuing it again with the same values and account gives the same bytes (HS256 is deterministic).
    /// </summary>
    public AccessToken Issue(User user, string sessionId, DateTimeOffset issuedAt, string tokenId)
    {
        var now = DateTime.UnixEpoch.AddSeconds(issuedAt.ToUnixTimeSeconds());
        var lifetime = TimeSpan.FromMinutes(_options.AccessTokenMinutes);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(_keys[0], SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = user.Id,
                ["role"] = Json.EnumName(user.Role),
                ["name"] = user.FullName,
                ["email"] = user.Email,
                ["jti"] = tokenId,
                [StampClaim] = user.SecurityStamp,
                [SessionClaim] = sessionId,
            },
        };
        return new AccessToken(_handler.CreateToken(descriptor), (int)lifetime.TotalSeconds);
    }

    /// <summary>The claims of a valid token, or null for anything else (a token without stamp or session is not one of ours).</summary>
    public async Task<AccessTokenClaims?> ValidateAsync(string token)
    {
        if (_validated.TryGetValue(token, out var known))
            return WithinLifetime(known.NotBefore, known.Expires) ? known.Claims : null;
        if (string.IsNullOrWhiteSpace(token) || !_handler.CanReadToken(token)) return null;

        JsonWebToken parsed;
        try
        {
            parsed = _handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return null;
        }

        // Key rotation relies on kid: a token without one, or with an unknown one, is not ours.
        if (string.IsNullOrEmpty(parsed.Kid) || _keys.All(k => k.KeyId != parsed.Kid)) return null;

        var result = await _handler.ValidateTokenAsync(parsed, _parameters); // the token read above, not parsed again
        if (!result.IsValid) return null;
        var subject = result.ClaimsIdentity.FindFirst("sub")?.Value;
        var stamp = result.ClaimsIdentity.FindFirst(StampClaim)?.Value;
        var session = result.ClaimsIdentity.FindFirst(SessionClaim)?.Value;
        if (string.IsNullOrEmpty(subject) || stamp is null || string.IsNullOrEmpty(session)) return null;
        var claims = new AccessTokenClaims(subject, stamp, session);
        Remember(token, (claims, parsed.ValidFrom, parsed.ValidTo));
        return claims;
    }

    private void Remember(string token, (AccessTokenClaims Claims, DateTime NotBefore, DateTime Expires) outcome)
    {
        if (_validated.Count >= MaxRemembered) _validated.Clear();
        _validated[token] = outcome;
    }

    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters) =>
        WithinLifetime(notBefore, expires);

    private bool WithinLifetime(DateTime? notBefore, DateTime? expires)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var skew = _parameters.ClockSkew;
        if (expires is null || expires.Value.ToUniversalTime() <= now - skew) return false;
        return notBefore is null || notBefore == DateTime.MinValue || notBefore.Value.ToUniversalTime() <= now + skew;
    }

    private static List<SymmetricSecurityKey> CreateKeys(IReadOnlyList<SigningKeyOptions> keys)
    {
        if (keys.Count == 0)
            throw new InvalidOperationException($"{JwtOptions.Section}:SigningKeys is empty: configure at least one key (id and base64 value).");

        var result = new List<SymmetricSecurityKey>();
        foreach (var key in keys)
        {
            if (string.IsNullOrWhiteSpace(key.Id))
                throw new InvalidOperationException($"{JwtOptions.Section}:SigningKeys: every key needs an Id.");
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(key.Key);
            }
            catch (FormatException)
            {
                throw new InvalidOperationException($"{JwtOptions.Section}:SigningKeys '{key.Id}' is not base64.");
            }

            if (bytes.Length < 32)
                throw new InvalidOperationException($"{JwtOptions.Section}:SigningKeys '{key.Id}' must be at least 256 bits.");
            result.Add(new SymmetricSecurityKey(bytes) { KeyId = key.Id });
        }

        return result;
    }
}
