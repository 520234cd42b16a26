using Tickets.Identity;
using Tickets.Users;

namespace Tickets.ContractTests;

public abstract class RefreshTokenStoreContract(IStoreUnderTest store) : StoreContract(store)
{
    private IRefreshTokenStore Tokens => Get<IRefreshTokenStore>();

    private async Task<string> CreateUserAsync()
    {
        var now = Time.GetUtcNow();
        var id = Guid.NewGuid().ToString("N");
        await Get<IUserStore>().CreateAsync(new User
        {
            Id = id, Email = id + "@example.org", Dni = Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Phone = "600000000", FirstNames = "A", LastNames = "B", Department = "C", Role = Role.User, Active = true,
            PasswordHash = "h", CreatedAt = now, UpdatedAt = now,
        });
        return id;
    }

    private RefreshToken NewToken(string userId, string? family = null) => new(
        RefreshTokenSecret.Hash(RefreshTokenSecret.Create()), userId, family ?? Guid.NewGuid().ToString("N"),
        Time.GetUtcNow(), Time.GetUtcNow().AddDays(14), null, null);

    [StoreFact]
    public async Task StoredTokenIsFoundByItsHash()
    {
        var token = NewToken(await CreateUserAsync());
        await Tokens.AddAsync(token);

        Assert.Equal(token, await Tokens.FindAsync(token.TokenHash));
        Assert.Null(await Tokens.FindAsync(RefreshTokenSecret.Hash("unknown")));
    }

    [StoreFact]
    public async Task TokenKeepsTheStampAndTheStartOfItsSession()
    {
        var started = Time.GetUtcNow().AddDays(-3);
        var token = NewToken(await CreateUserAsync()) with { SecurityStamp = "stamp-1", SessionStartedAt = started };
        await Tokens.AddAsync(token);

        var stored = await Tokens.FindAsync(token.TokenHash);

        Assert.Equal("stamp-1", stored!.SecurityStamp);
        Assert.Equal(started, stored.SessionStart);
    }

    [StoreFact]
    public async Task AddingATokenWhoseHashIsStoredKeepsTheStoredOne()
    {
        var token = NewToken(await CreateUserAsync());
        await Tokens.AddAsync(token);
        Assert.True(await Tokens.TrySpendAsync(token.TokenHash, Time.GetUtcNow()));

        await Tokens.AddAsync(token);

        Assert.NotNull((await Tokens.FindAsync(token.TokenHash))!.SpentAt);
    }

    [StoreFact]
    public async Task TokenCanBeSpentOnlyOnce()
    {
        var token = NewToken(await CreateUserAsync());
        await Tokens.AddAsync(token);

        Assert.True(await Tokens.TrySpendAsync(token.TokenHash, Time.GetUtcNow()));
        Assert.False(await Tokens.TrySpendAsync(token.TokenHash, Time.GetUtcNow()));
        Assert.NotNull((await Tokens.FindAsync(token.TokenHash))!.SpentAt);
    }

    [StoreFact]
    public async Task RevokingAFamilyRevokesEveryTokenInItAndNoOther()
    {
        var user = await CreateUserAsync();
        var a = NewToken(user, "family-a");
        var b = NewToken(user, "family-a");
        var other = NewToken(user, "family-b");
        foreach (var t in new[] { a, b, other }) await Tokens.AddAsync(t);

        await Tokens.RevokeFamilyAsync("family-a", Time.GetUtcNow());

        Assert.NotNull((await Tokens.FindAsync(a.TokenHash))!.RevokedAt);
        Assert.NotNull((await Tokens.FindAsync(b.TokenHash))!.RevokedAt);
        Assert.Null((await Tokens.FindAsync(other.TokenHash))!.RevokedAt);
        Assert.False(await Tokens.TrySpendAsync(a.TokenHash, Time.GetUtcNow()));
    }

    [StoreFact]
    public async Task RevokingAllForAUserLeavesOtherUsersAlone()
    {
        var user = await CreateUserAsync();
        var someoneElse = await CreateUserAsync();
        var mine = NewToken(user);
        var theirs = NewToken(someoneElse);
        await Tokens.AddAsync(mine);
        await Tokens.AddAsync(theirs);

        await Tokens.RevokeAllForUserAsync(user, Time.GetUtcNow());

        Assert.NotNull((await Tokens.FindAsync(mine.TokenHash))!.RevokedAt);
        Assert.Null((await Tokens.FindAsync(theirs.TokenHash))!.RevokedAt);
    }
}

public abstract class LoginThrottleStoreContract(IStoreUnderTest store) : StoreContract(store)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private ILoginThrottleStore Throttle => Get<ILoginThrottleStore>();

    [StoreFact]
    public async Task ClaimsAreGrantedUpToTheLimitWithinTheWindow()
    {
        var start = Time.GetUtcNow();
        for (var i = 0; i < 3; i++) Assert.True((await Throttle.TryClaimAsync("account:a", 3, Window, start.AddMinutes(i))).Granted);

        var refused = await Throttle.TryClaimAsync("account:a", 3, Window, start.AddMinutes(5));

        // Free again when the oldest of the three leaves the window.
        Assert.Equal(ThrottleClaim.Refuse(start + Window), refused);
        Assert.True((await Throttle.TryClaimAsync("account:b", 3, Window, start.AddMinutes(5))).Granted);
    }

    [StoreFact]
    public async Task ClaimsOlderThanTheWindowNoLongerCount()
    {
        var start = Time.GetUtcNow();
        for (var i = 0; i < 3; i++) await Throttle.TryClaimAsync("account:a", 3, Window, start);

        Assert.True((await Throttle.TryClaimAsync("account:a", 3, Window, start + Window + TimeSpan.FromSeconds(1))).Granted);
    }

    [StoreFact]
    public async Task ClearingForgetsOnlyThatKey()
    {
        var now = Time.GetUtcNow();
        await Throttle.TryClaimAsync("account:a", 1, Window, now);
        await Throttle.TryClaimAsync("account:b", 1, Window, now);

        await Throttle.ClearAsync("account:a");

        Assert.True((await Throttle.TryClaimAsync("account:a", 1, Window, now)).Granted);
        Assert.False((await Throttle.TryClaimAsync("account:b", 1, Window, now)).Granted);
    }

    [StoreFact]
    public async Task SixtyConcurrentClaimsWithALimitOfFiveGrantExactlyFive()
    {
        var now = Time.GetUtcNow();

        var claims = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => Task.Run(() => Throttle.TryClaimAsync("account:contended", 5, Window, now))));

        Assert.Equal(5, claims.Count(c => c.Granted));
    }

    [StoreFact]
    public async Task ACounterGrantsUpToItsLimitPerWindowAndStartsAgainInTheNext()
    {
        var minute = TimeSpan.FromMinutes(1);
        var window = Time.GetUtcNow();
        for (var i = 0; i < 2; i++) Assert.True((await Throttle.TryCountAsync("address:1", window, minute, 2)).Granted);

        var refused = await Throttle.TryCountAsync("address:1", window, minute, 2);

        Assert.Equal(ThrottleClaim.Refuse(window + minute), refused);
        Assert.True((await Throttle.TryCountAsync("address:2", window, minute, 2)).Granted);
        Assert.True((await Throttle.TryCountAsync("address:1", window + minute, minute, 2)).Granted);
    }

    [StoreFact]
    public async Task SixtyConcurrentCountsWithALimitOfFiveGrantExactlyFive()
    {
        var window = Time.GetUtcNow();

        var counts = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => Task.Run(() => Throttle.TryCountAsync("everyone", window, TimeSpan.FromMinutes(1), 5))));

        Assert.Equal(5, counts.Count(c => c.Granted));
    }
}
