using Microsoft.Azure.Functions.Worker;
using Tickets.EndToEndTests.Services;
using Tickets.Functions.Triggers;

namespace Tickets.EndToEndTests.Triggers;

/// <summary>The local host fires timer-triggered functions on their NCRONTAB schedules.</summary>
public sealed class TimerTriggerTests : IAsyncLifetime
{
    private AzuriteProcess _azurite = null!;

    public async Task InitializeAsync() => _azurite = await AzuriteProcess.StartAsync();

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task ATimerRunsOnASecondsScheduleReadFromTheSettingItNames()
    {
        await using var host = await TriggerTestHost.StartAsync(_azurite, "{}", TriggerCatalog.From(typeof(EverySecondFunction)),
            new Dictionary<string, string?> { [EverySecondFunction.ScheduleSetting] = "*/1 * * * * *" });

        var ticks = await Eventually.Until(() => host.Invocations.Of("EverySecond"), i => i.Count >= 2, "ticked twice", TimeSpan.FromSeconds(10));

        // Judged by the schedule the runs report, not by wall-clock gaps, which a loaded machine stretches.
        var first = ((TimerInfo)ticks[0].Value!).ScheduleStatus!;
        var second = ((TimerInfo)ticks[1].Value!).ScheduleStatus!;
        Assert.True(second.Next > first.Next, $"two runs for two occurrences: {first.Next:O}, {second.Next:O}");
        Assert.All(new[] { first.Next, second.Last, second.Next }, at => Assert.Equal(0, at.Millisecond));
        Assert.True(second.Last < second.Next, $"last {second.Last:O}, next {second.Next:O}");
    }

    [Fact]
    public async Task ATimerWhoseNextRunIsYearsAwayWaitsForItAndStopsCleanly()
    {
        // The next 29 February at midnight is further away than one timer can wait in one go (about 49 days).
        var host = await TriggerTestHost.StartAsync(_azurite, "{}", TriggerCatalog.From(typeof(EverySecondFunction)),
            new Dictionary<string, string?> { [EverySecondFunction.ScheduleSetting] = "0 0 0 29 2 *" });
        var (logs, invocations) = (host.Logs, host.Invocations);
        await Eventually.Until(() => logs.Entries.Any(e => e.Template?.StartsWith("Timer {Function}: next run at", StringComparison.Ordinal) == true),
            waiting => waiting, "the timer waiting for its next run");

        // Stopping waits for the scheduler, and would rethrow a wait that failed.
        await host.DisposeAsync();

        Assert.Empty(invocations.Of("EverySecond"));
        Assert.DoesNotContain(logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning && e.Category.Contains("Timer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATimerMarkedRunOnStartupRunsAsTheHostStarts()
    {
        await using var host = await TriggerTestHost.StartAsync(_azurite, "{}", TriggerCatalog.From(typeof(OnStartupFunction)));

        var run = await Eventually.Until(() => host.Invocations.Of("OnStartup"), i => i.Count == 1, "run on start-up");

        var timer = (TimerInfo)run[0].Value!;
        Assert.Equal(1, timer.ScheduleStatus!.Next.Day);
        Assert.Equal(1, timer.ScheduleStatus.Next.Month);
    }
}
