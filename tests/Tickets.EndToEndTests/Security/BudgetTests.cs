using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Tickets.EndToEndTests.Security;

/// <summary>Small per-account budgets (<c>Tickets:Limits</c>): 20 requests, 5 writes and 3 look-ups by e-mail a minute.</summary>
internal static class SmallBudgets
{
    public const string Policy = "\"requests\";q=20;w=60, \"writes\";q=5;w=60";

    public static void Apply(LocalHost host)
    {
        host.Settings["Tickets:Limits:RequestsPerUserPerMinute"] = "20";
        host.Settings["Tickets:Limits:WritesPerUserPerMinute"] = "5";
        host.Settings["Tickets:Limits:LookupsPerUserPerMinute"] = "3";
    }

    public static Task<HttpResponseMessage> PostTicketAsync(this HttpClient client) =>
        client.PostAsJsonAsync("api/tickets", new { title = "La impresora no imprime", description = "Desde esta mañana." });

    /// <summary>The RateLimit field's policy and remaining calls, checking its structured-field form.</summary>
    public static (string Policy, int Remaining) RateLimit(this HttpResponseMessage response)
    {
        var value = Assert.Single(response.Headers.GetValues("RateLimit"));
        var match = Regex.Match(value, "^\"(requests|writes)\";r=(\\d+);t=(\\d+)$");
        Assert.True(match.Success, value);
        Assert.InRange(int.Parse(match.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        return (match.Groups[1].Value, int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class SmallBudgetHost : IAsyncLifetime
{
    public LocalHost Host { get; } = new();

    public Task InitializeAsync()
    {
        SmallBudgets.Apply(Host);
        return Host.InitializeAsync();
    }

    public Task DisposeAsync() => Host.DisposeAsync();
}

public sealed class AccountBudgetTests(SmallBudgetHost fixture) : IClassFixture<SmallBudgetHost>
{
    [Fact]
    public async Task AWriteBurstBeyondTheBudgetGets429WithRetryAfterAndAnotherAccountWritesOn()
    {
        var (burst, other) = (await fixture.Host.NewUserAsync(), await fixture.Host.NewUserAsync());

        var (answers, others) = await LimitedRequests.WithinOneMinuteAsync(async () =>
        {
            var answers = new List<HttpResponseMessage>();
            for (var i = 0; i < 7; i++) answers.Add(await burst.Client.PostTicketAsync());
            return (answers, await other.Client.PostTicketAsync());
        });

        Assert.Equal([.. Enumerable.Repeat(201, 5), 429, 429], answers.Select(a => (int)a.StatusCode));
        Assert.Equal([("writes", 4), ("writes", 3), ("writes", 2), ("writes", 1), ("writes", 0), ("writes", 0)],
            answers.Take(6).Select(a => a.RateLimit()));
        var problem = await answers[5].ProblemAsync(429);
        Assert.Equal(("rate_limited", "writes"), (problem.GetProperty("code").GetString(), problem.GetProperty("policy").GetString()));
        Assert.InRange(answers[5].Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.Created, others.StatusCode);
    }

    [Fact]
    public async Task ARequestBurstBeyondTheBudgetGets429AndAnotherAccountReadsOn()
    {
        var (burst, other) = (await fixture.Host.NewUserAsync(), await fixture.Host.NewUserAsync());

        var (statuses, refused, others) = await LimitedRequests.WithinOneMinuteAsync(async () =>
        {
            var statuses = new List<int>();
            for (var i = 0; i < 20; i++) statuses.Add((int)(await burst.Client.GetAsync("api/me")).StatusCode);
            return (statuses, await burst.Client.GetAsync("api/tickets"), await other.Client.GetAsync("api/tickets"));
        });

        Assert.All(statuses, s => Assert.Equal(200, s));
        Assert.Equal(("rate_limited", ("requests", 0)), ((await refused.ProblemAsync(429)).GetProperty("code").GetString(), refused.RateLimit()));
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.Equal((HttpStatusCode.OK, ("requests", 19)), (others.StatusCode, others.RateLimit()));
    }

    [Fact]
    public async Task LookUpsByEmailBeyondTheirBudgetGet429FoundOrNotAndAnotherAccountLooksUpOn()
    {
        var (burst, other) = (await fixture.Host.NewUserAsync(), await fixture.Host.NewUserAsync());

        var (statuses, refused, others) = await LimitedRequests.WithinOneMinuteAsync(async () =>
        {
            var statuses = new List<int>();
            foreach (var email in new[] { "user@tickets.local", "nadie@example.org", "otro@example.org" })
                statuses.Add((int)(await burst.Client.GetAsync($"api/people/lookup?email={email}")).StatusCode);
            return (statuses, await burst.Client.GetAsync("api/people/lookup?email=user@tickets.local"),
                await other.Client.GetAsync("api/people/lookup?email=user@tickets.local"));
        });

        Assert.Equal([200, 404, 404], statuses);
        var problem = await refused.ProblemAsync(429);
        Assert.Equal(("rate_limited", "lookups"), (problem.GetProperty("code").GetString(), problem.GetProperty("policy").GetString()));
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, others.StatusCode);
    }

    [Fact]
    public async Task EveryAnswerToASignedInCallerCarriesTheBudgetsReadableAcrossOriginsAndAnswersToStrangersDoNot()
    {
        var (user, _, _) = await fixture.Host.NewUserAsync();

        var signedIn = new[]
        {
            await user.GetAsync("api/me"),
            await user.GetAsync("api/tickets/TCK-999999"),
            await user.GetAsync("api/users"),
            await user.PostAsJsonAsync("api/tickets", new { title = "" }),
        };
        var anonymous = new[]
        {
            await fixture.Host.Client().GetAsync("api/health"),
            await fixture.Host.Client().GetAsync("api/me"),
        };

        Assert.Equal([200, 404, 403, 400], signedIn.Select(a => (int)a.StatusCode));
        Assert.All(signedIn, a => Assert.Equal(SmallBudgets.Policy, Assert.Single(a.Headers.GetValues("RateLimit-Policy"))));
        Assert.Equal(["requests", "requests", "requests", "writes"], signedIn.Select(a => a.RateLimit().Policy));
        Assert.All(signedIn, a => Assert.Equal("RateLimit-Policy, RateLimit, Retry-After", Assert.Single(a.Headers.GetValues("Access-Control-Expose-Headers"))));
        Assert.All(anonymous, a => Assert.False(a.Headers.Contains("RateLimit") || a.Headers.Contains("RateLimit-Policy")));
    }
}

/// <summary>Two local hosts on one store (the same SQLite file or Cosmos database, the same signing key): two instances of the app.</summary>
public sealed class TwoHostsOneStore : IAsyncLifetime
{
    private readonly string _shared = Path.Combine(Path.GetTempPath(), "tickets-e2e", "shared-" + Guid.NewGuid().ToString("N"));

    public LocalHost First { get; } = new();

    public LocalHost Second { get; } = new();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_shared);
        foreach (var host in new[] { First, Second })
        {
            SmallBudgets.Apply(host);
            host.Settings["Tickets:Sqlite:Path"] = Path.Combine(_shared, "tickets.db");
            host.Settings["Tickets:Cosmos:Database"] = "e2e-" + Path.GetFileName(_shared);
        }

        await First.InitializeAsync();
        await Second.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
        try
        {
            Directory.Delete(_shared, recursive: true);
        }
        catch (IOException)
        {
            // A file still closing is left to the OS temp cleaner.
        }
    }
}

public sealed class SharedBudgetTests(TwoHostsOneStore hosts) : IClassFixture<TwoHostsOneStore>
{
    [Fact]
    public async Task TwoInstancesOnOneStoreShareAnAccountsWriteBudget()
    {
        var (first, _, email) = await hosts.First.NewUserAsync();
        var second = await hosts.Second.SignInAsync(email, "Password123!");

        var statuses = await LimitedRequests.WithinOneMinuteAsync(async () =>
        {
            var statuses = new List<int>();
            foreach (var client in new[] { first, second, first, second, first, second, first })
                statuses.Add((int)(await client.PostTicketAsync()).StatusCode);
            return statuses;
        });

        Assert.Equal([201, 201, 201, 201, 201, 429, 429], statuses);
    }
}
