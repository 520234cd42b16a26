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

        var ticks = await Eventually.Until(() => host.Invocations.Of("EverySecond"), i => i.Count >= 2, "ticked twice", TimeSpan.FromSeconds(5));

        var second = (TimerInfo)ticks[1].Value!;
        Assert.False(second.IsPastDue);
        Assert.True(second.ScheduleStatus!.Next - second.ScheduleStatus.Last == TimeSpan.FromSeconds(2),
            $"last {second.ScheduleStatus.Last:O}, next {second.ScheduleStatus.Next:O}");
        // The occurrences each run reports are a second apart, however late a loaded machine started the runs.
        var first = (TimerInfo)ticks[0].Value!;
        Assert.True(second.ScheduleStatus.Last - first.ScheduleStatus!.Last >= TimeSpan.FromSeconds(1), "one run per second");
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
