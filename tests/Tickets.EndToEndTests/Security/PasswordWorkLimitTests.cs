namespace Tickets.EndToEndTests.Security;

public sealed class PasswordAttemptsPerAddressTests(FourPerAddressHost fixture) : IClassFixture<FourPerAddressHost>
{
    [Fact]
    public async Task AnAddressSprayingPasswordsOverManyAccountsIsStoppedAndOthersAreNot()
    {
        var (statuses, retryAfter, elsewhere) = await LimitedRequests.WithinOneMinuteAsync(async () =>
        {
            var address = $"203.0.113.{Random.Shared.Next(1, 250)}";
            var statuses = new List<int>();
            for (var i = 0; i < 4; i++)
            {
                var login = await fixture.Host.PostFromAsync("api/auth/login", new { email = $"victim{i}@example.org", password = "Summer2026!!" }, address);
                statuses.Add((int)login.StatusCode);
            }

            var register = await fixture.Host.PostFromAsync("api/auth/register", LimitedRequests.Person(), address);
            statuses.Add((int)register.StatusCode);
            var other = await fixture.Host.PostFromAsync("api/auth/register", LimitedRequests.Person(), "198.51.100." + Random.Shared.Next(1, 250));
            return (statuses, register.Headers.RetryAfter?.Delta, (int)other.StatusCode);
        });

        Assert.Equal([401, 401, 401, 401, 429], statuses);
        Assert.InRange(retryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Equal(201, elsewhere);
    }
}

public sealed class PasswordHashingForEveryoneTests(TenForEveryoneHost fixture) : IClassFixture<TenForEveryoneHost>
{
    [Fact]
    public async Task EveryoneTogetherMayHaveOnlySoManyPasswordsCheckedPerMinute()
    {
        var statuses = await LimitedRequests.WithinOneMinuteAsync(async () =>
        {
            var statuses = new List<int>();
            for (var i = 1; i <= 11; i++)
            {
                var login = await fixture.Host.PostFromAsync("api/auth/login",
                    new { email = $"someone-{Guid.NewGuid():N}@example.org", password = "Summer2026!!" }, $"192.0.2.{i}");
                statuses.Add((int)login.StatusCode);
            }

            return statuses;
        });

        Assert.Equal([.. Enumerable.Repeat(401, 10), 429], statuses);
    }
}
