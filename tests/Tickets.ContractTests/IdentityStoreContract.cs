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
    private ILoginThrottleStore Throttle => Get<ILoginThrottleStore>();

    [StoreFact]
    public async Task FailuresAreCountedPerAccountWithinTheWindow()
    {
        var start = Time.GetUtcNow();
        await Throttle.RecordFailureAsync("a@example.org", start.AddMinutes(-20));
        await Throttle.RecordFailureAsync("a@example.org", start.AddMinutes(-5));
        await Throttle.RecordFailureAsync("a@example.org", start);
        await Throttle.RecordFailureAsync("b@example.org", start);

        var failures = await Throttle.FailuresSinceAsync("a@example.org", start.AddMinutes(-15));

        Assert.Equal([start.AddMinutes(-5), start], failures);
    }

    [StoreFact]
    public async Task ClearingForgetsOnlyThatAccount()
    {
        var now = Time.GetUtcNow();
        await Throttle.RecordFailureAsync("a@example.org", now);
        await Throttle.RecordFailureAsync("b@example.org", now);

        await Throttle.ClearAsync("a@example.org");

        Assert.Empty(await Throttle.FailuresSinceAsync("a@example.org", now.AddHours(-1)));
        Assert.Single(await Throttle.FailuresSinceAsync("b@example.org", now.AddHours(-1)));
    }
}
