using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tickets.Functions;
using Tickets.Identity;

namespace Tickets.UnitTests.Common;

/// <summary>The Functions app's composition (the one its Program.cs uses) refuses bad settings when the host starts.</summary>
public sealed class OptionsValidationTests
{
    private static async Task<string> StartFailureAsync(params (string Key, string Value)[] settings)
    {
        var data = Path.Combine(Path.GetTempPath(), "tickets-options", Guid.NewGuid().ToString("N"));
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tickets:Store"] = "Sqlite",
            ["Tickets:Sqlite:Path"] = Path.Combine(data, "tickets.db"),
            ["Tickets:Jwt:SigningKeys:0:Id"] = "k",
            ["Tickets:Jwt:SigningKeys:0:Key"] = Convert.ToBase64String(new byte[32]),
            ["Tickets:Queues:Connection"] = "UseDevelopmentStorage=true",
            ["Tickets:Blobs:Connection"] = "UseDevelopmentStorage=true",
        });
        builder.Configuration.AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value));
        builder.Services.AddTicketsFunctions(builder.Configuration);
        using var host = builder.Build();
        try
        {
            var failure = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
            return failure.Message;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task ALoginLimitOutOfRangeStopsStartUpNamingItsKey() =>
        Assert.Contains("Tickets:Login:MaxFailures", await StartFailureAsync(("Tickets:Login:MaxFailures", "1000")), StringComparison.Ordinal);

    [Fact]
    public async Task AShortSigningKeyStopsStartUpNamingItsKeyAndNotItsValue()
    {
        var message = await StartFailureAsync(("Tickets:Jwt:SigningKeys:0:Key", "c2hvcnQ="));

        Assert.Contains("Tickets:Jwt:SigningKeys:0:Key", message, StringComparison.Ordinal);
        Assert.DoesNotContain("c2hvcnQ=", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryBadValueIsNamedAtOnce()
    {
        var message = await StartFailureAsync(("Tickets:Limits:PasswordHashingPerMinute", "0"), ("Tickets:Limits:PasswordAttemptsPerAddressPerMinute", "0"));

        Assert.Contains("Tickets:Limits:PasswordHashingPerMinute", message, StringComparison.Ordinal);
        Assert.Contains("Tickets:Limits:PasswordAttemptsPerAddressPerMinute", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownDefaultTimeZoneOrANegativeCoalescingWindowStopsStartUpNamingItsKey()
    {
        var message = await StartFailureAsync(("Tickets:Users:DefaultTimeZone", "Europe/Atlantis"), ("Tickets:Notifications:CoalesceSeconds", "-1"));

        Assert.Contains("Tickets:Users:DefaultTimeZone", message, StringComparison.Ordinal);
        Assert.Contains("Tickets:Notifications:CoalesceSeconds", message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDefaultsAreValid()
    {
        Assert.Empty(global::Tickets.Common.OptionsValidation.Failures(new LoginThrottleOptions(), LoginThrottleOptions.Section));
        Assert.Empty(global::Tickets.Common.OptionsValidation.Failures(new LimitsOptions(), LimitsOptions.Section));
        Assert.Empty(global::Tickets.Common.OptionsValidation.Failures(new global::Tickets.Users.UserOptions(), global::Tickets.Users.UserOptions.Section));
        Assert.Empty(global::Tickets.Common.OptionsValidation.Failures(new global::Tickets.Notifications.NotificationEmailOptions(), global::Tickets.Notifications.NotificationEmailOptions.Section));
    }
}
