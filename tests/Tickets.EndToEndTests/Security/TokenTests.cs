using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tickets.EndToEndTests.Tickets;

namespace Tickets.EndToEndTests.Security;

/// <summary>
/// Access tokens as RFC 8725 asks, end to end through the local host: only this service's HS256 tokens, signed with a
/// key it knows by kid, for its issuer and audience, within their lifetime, untouched, of an active account whose security
/// stamp and session are still those of the token. Everything else is a 401 with <c>WWW-Authenticate</c>.
/// </summary>
public sealed class TokenTests(SecurityHost fixture) : IClassFixture<SecurityHost>
{
    private LocalHost Host => fixture.Host;

    /// <summary>A session of a fresh account: its tokens, its id, how to sign in as it.</summary>
    private sealed record Session(string AccessToken, string RefreshToken, string UserId, string Email, string Password);

    private async Task<Session> NewSessionAsync()
    {
        var (_, id, email) = await Host.NewUserAsync();
        return await SignInAsync(id, email, "Password123!");
    }

    private async Task<Session> SignInAsync(string id, string email, string password)
    {
        var body = await (await Host.Client().PostAsJsonAsync("api/auth/login", new { email, password })).JsonAsync();
        return new Session(body.Str("accessToken"), body.Str("refreshToken"), id, email, password);
    }

    private async Task<HttpResponseMessage> MeAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Host.Client().SendAsync(request);
    }

    private async Task AssertRefusedAsync(string token)
    {
        var response = await MeAsync(token);
        await response.ProblemAsync(401);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    private static (JsonObject Header, JsonObject Payload) Parts(string token)
    {
        var parts = token.Split('.');
        return (JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))!.AsObject(), JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!.AsObject());
    }

    /// <summary>A token made here: the given header and payload, signed with <paramref name="sign"/> (none: no signature).</summary>
    private static string Forge(JsonObject header, JsonObject payload, Func<byte[], byte[]>? sign)
    {
        var signingInput = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString())) + "."
            + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return signingInput + "." + (sign is null ? "" : Base64Url.EncodeToString(sign(Encoding.ASCII.GetBytes(signingInput))));
    }

    private static Func<byte[], byte[]> Hs256(byte[] key) => input => HMACSHA256.HashData(key, input);

    /// <summary>The claims of a real token with <paramref name="edit"/> applied, re-signed with the current key.</summary>
    private static string Resigned(string token, Action<JsonObject, JsonObject> edit, Func<byte[], byte[]>? sign = null)
    {
        var (header, payload) = Parts(token);
        edit(header, payload);
        return Forge(header, payload, sign ?? Hs256(SecurityHost.CurrentKey));
    }

    private static long Now(int offsetSeconds = 0) => DateTimeOffset.UtcNow.AddSeconds(offsetSeconds).ToUnixTimeSeconds();

    [Fact]
    public async Task ATokenForgedWithTheRightKeyAndClaimsIsAccepted()
    {
        // The control for every refusal below: the forging itself is sound.
        var session = await NewSessionAsync();

        var token = Resigned(session.AccessToken, (_, payload) => payload["jti"] = Guid.NewGuid().ToString("N"));

        Assert.Equal(200, (int)(await MeAsync(token)).StatusCode);
    }

    [Fact]
    public async Task AnUnsignedTokenWithAlgNoneIsRefused()
    {
        var session = await NewSessionAsync();

        // "header.payload." with no signature, and the same with the original signature left on.
        await AssertRefusedAsync(Resigned(session.AccessToken, (header, _) => header["alg"] = "none", sign: _ => []));
        await AssertRefusedAsync(Resigned(session.AccessToken, (header, _) => header["alg"] = "none"));
        await AssertRefusedAsync(Resigned(session.AccessToken, (header, _) => header["alg"] = "None", sign: _ => []));
    }

    [Theory]
    [InlineData("HS512")]
    [InlineData("HS384")]
    [InlineData("RS256")]
    [InlineData("ES256")]
    public async Task ATokenSignedWithAnotherAlgorithmIsRefused(string algorithm)
    {
        var session = await NewSessionAsync();
        Func<byte[], byte[]> sign = algorithm switch
        {
            "HS512" => input => HMACSHA512.HashData(SecurityHost.CurrentKey, input),
            "HS384" => input => HMACSHA384.HashData(SecurityHost.CurrentKey, input),
            "RS256" => input => RSA.Create(2048).SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            _ => input => ECDsa.Create(ECCurve.NamedCurves.nistP256).SignData(input, HashAlgorithmName.SHA256),
        };

        await AssertRefusedAsync(Resigned(session.AccessToken, (header, _) => header["alg"] = algorithm, sign));
    }

    [Fact]
    public async Task ATokenWithoutAKeyIdOrWithAnUnknownOneIsRefused()
    {
        var session = await NewSessionAsync();

        await AssertRefusedAsync(Resigned(session.AccessToken, (header, _) => header.Remove("kid")));
        await AssertRefusedAsync(Resigned(session.AccessToken, (header, _) => header["kid"] = "k9"));
        // The previous key's id with the current key's signature: the kid picks the key, no other is tried.
        await AssertRefusedAsync(Resigned(session.AccessToken, (header, _) => header["kid"] = "k1"));
    }

    [Fact]
    public async Task ATokenSignedWithThePreviousKeyStillWorks()
    {
        var session = await NewSessionAsync();

        var token = Resigned(session.AccessToken, (header, _) => header["kid"] = "k1", Hs256(SecurityHost.PreviousKey));

        Assert.Equal(200, (int)(await MeAsync(token)).StatusCode);
    }

    [Fact]
    public async Task AnExpiredTokenIsRefused()
    {
        var session = await NewSessionAsync();

        await AssertRefusedAsync(Resigned(session.AccessToken, (_, payload) =>
        {
            payload["iat"] = Now(-3600);
            payload["nbf"] = Now(-3600);
            payload["exp"] = Now(-120);
        }));
    }

    [Fact]
    public async Task ATokenWithoutAnExpiryIsRefused()
    {
        var session = await NewSessionAsync();

        await AssertRefusedAsync(Resigned(session.AccessToken, (_, payload) => payload.Remove("exp")));
    }

    [Fact]
    public async Task ATokenNotYetValidIsRefused()
    {
        var session = await NewSessionAsync();

        await AssertRefusedAsync(Resigned(session.AccessToken, (_, payload) =>
        {
            payload["nbf"] = Now(600);
            payload["exp"] = Now(1200);
        }));
    }

    [Fact]
    public async Task ATokenForAnotherIssuerOrAudienceIsRefused()
    {
        var session = await NewSessionAsync();

        await AssertRefusedAsync(Resigned(session.AccessToken, (_, payload) => payload["iss"] = "someone-else"));
        await AssertRefusedAsync(Resigned(session.AccessToken, (_, payload) => payload["aud"] = "another-api"));
        await AssertRefusedAsync(Resigned(session.AccessToken, (_, payload) => payload.Remove("aud")));
    }

    [Fact]
    public async Task ATamperedPayloadIsRefused()
    {
        var session = await NewSessionAsync();
        var parts = session.AccessToken.Split('.');
        var (_, payload) = Parts(session.AccessToken);
        payload["role"] = "admin";
        payload["sub"] = await (await Host.AdminAsync()).MyIdAsync();

        var tampered = parts[0] + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString())) + "." + parts[2];

        await AssertRefusedAsync(tampered);
        await AssertRefusedAsync(parts[0] + "." + parts[1] + "." + parts[2][..^2] + (parts[2].EndsWith("AA", StringComparison.Ordinal) ? "BB" : "AA"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9..")]
    public async Task GarbageIsRefused(string token) => await AssertRefusedAsync(token);

    [Fact]
    public async Task ATokenWithoutTheAccountsStampOrSessionIsRefused()
    {
        var session = await NewSessionAsync();

        await AssertRefusedAsync(Resigned(session.AccessToken, (_, payload) => payload.Remove("sst")));
        await AssertRefusedAsync(Resigned(session.AccessToken, (_, payload) => payload["sst"] = "another-stamp"));
        await AssertRefusedAsync(Resigned(session.AccessToken, (_, payload) => payload.Remove("sid")));
    }

    [Fact]
    public async Task TheTokenOfADeactivatedAccountIsRefusedAtOnceAndStaysRefusedAfterReactivation()
    {
        var session = await NewSessionAsync();
        var admin = await Host.AdminAsync();

        await admin.PatchAsJsonAsync($"api/users/{session.UserId}", new { active = false });
        await AssertRefusedAsync(session.AccessToken);

        await admin.PatchAsJsonAsync($"api/users/{session.UserId}", new { active = true });
        await AssertRefusedAsync(session.AccessToken);
        await (await Host.Client().PostAsJsonAsync("api/auth/refresh", new { refreshToken = session.RefreshToken })).ProblemAsync(401);
    }

    [Fact]
    public async Task TokensFromBeforeAPasswordChangeAreRefusedEverywhere()
    {
        var session = await NewSessionAsync();
        var other = await SignInAsync(session.UserId, session.Email, session.Password);
        using var change = new HttpRequestMessage(HttpMethod.Post, "api/me/password")
        {
            Content = JsonContent.Create(new { currentPassword = session.Password, newPassword = "A-new-password-2" }),
        };
        change.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);

        Assert.Equal(204, (int)(await Host.Client().SendAsync(change)).StatusCode);

        await AssertRefusedAsync(session.AccessToken);
        await AssertRefusedAsync(other.AccessToken);
        foreach (var refresh in new[] { session.RefreshToken, other.RefreshToken })
            await (await Host.Client().PostAsJsonAsync("api/auth/refresh", new { refreshToken = refresh })).ProblemAsync(401);
        var after = await SignInAsync(session.UserId, session.Email, "A-new-password-2");
        Assert.Equal(200, (int)(await MeAsync(after.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task TokensFromBeforeARoleChangeAreRefused()
    {
        var session = await NewSessionAsync();

        await (await Host.AdminAsync()).PatchAsJsonAsync($"api/users/{session.UserId}", new { role = "technician" });

        await AssertRefusedAsync(session.AccessToken);
        await (await Host.Client().PostAsJsonAsync("api/auth/refresh", new { refreshToken = session.RefreshToken })).ProblemAsync(401);
    }

    [Fact]
    public async Task LogoutEndsThatSessionsAccessTokenAndLeavesOtherSessionsAlone()
    {
        var session = await NewSessionAsync();
        var other = await SignInAsync(session.UserId, session.Email, session.Password);
        var refreshed = await (await Host.Client().PostAsJsonAsync("api/auth/refresh", new { refreshToken = session.RefreshToken })).JsonAsync();

        Assert.Equal(204, (int)(await Host.Client().PostAsJsonAsync("api/auth/logout", new { refreshToken = refreshed.Str("refreshToken") })).StatusCode);

        // Every access token of the ended session, before and after its refresh; the other session goes on.
        await AssertRefusedAsync(session.AccessToken);
        await AssertRefusedAsync(refreshed.Str("accessToken"));
        await (await Host.Client().PostAsJsonAsync("api/auth/refresh", new { refreshToken = refreshed.Str("refreshToken") })).ProblemAsync(401);
        Assert.Equal(200, (int)(await MeAsync(other.AccessToken)).StatusCode);
    }
}
