using Tickets.DevHost;

namespace Tickets.EndToEndTests.Security;

/// <summary>A setting the product cannot work with stops the local host at start-up, naming its key, instead of a 500 later.</summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Tickets:Login:MaxFailures", "1000")]
    [InlineData("Tickets:Login:WindowMinutes", "0")]
    [InlineData("Tickets:Limits:PasswordAttemptsPerAddressPerMinute", "0")]
    [InlineData("Tickets:Limits:PasswordHashingPerMinute", "-5")]
    [InlineData("Tickets:Jwt:AccessTokenMinutes", "0")]
    [InlineData("Tickets:Jwt:SessionDays", "1000")]
    [InlineData("Tickets:Jwt:SigningKeys:0:Key", "c2hvcnQ=")]
    [InlineData("Tickets:Sla:High:FirstResponse", "-01:00:00")]
    [InlineData("Tickets:AutoCloseAfterDays", "0")]
    [InlineData("Tickets:Export:MaxRows", "0")]
    [InlineData("Tickets:Export:PageSize", "101")]
    [InlineData("Tickets:BootstrapAdmin:Email", "admin@example.org")]
    [InlineData("Tickets:Login:MaxFailures", "five")]
    [InlineData("Tickets:Assignment:Mode", "whoever")]
    public async Task AnInvalidSettingStopsStartUpNamingItsKey(string key, string value)
    {
        var data = Path.Combine(Path.GetTempPath(), "tickets-e2e", Guid.NewGuid().ToString("N"));
        try
        {
            var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
            {
                await using var app = DevHostApp.Create(
                [
                    "--urls=http://127.0.0.1:0",
                    $"--Tickets:Sqlite:Path={Path.Combine(data, "tickets.db")}",
                    "--Tickets:DemoData=false",
                    "--Logging:LogLevel:Default=None",
                    $"--{key}={value}",
                ]);
                await app.StartAsync();
            });

            var messages = string.Join(" | ", Chain(failure).Select(e => e.Message));
            Assert.Contains(KeyAsNamed(key), messages, StringComparison.Ordinal);
            Assert.DoesNotContain("c2hvcnQ=", messages, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>Both-or-neither settings are reported on the one missing.</summary>
    private static string KeyAsNamed(string key) => key == "Tickets:BootstrapAdmin:Email" ? "Tickets:BootstrapAdmin:Password" : key;

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain)) yield return inner;
        }
    }
}
