using Microsoft.Azure.Functions.Worker;

namespace Tickets.DevHost.Triggers;

/// <summary>
/// Fires one timer function on its schedule, one run at a time, as the Functions timer listener does: a run that
/// outlasts the next occurrence is followed by one catch-up run at once (with <see cref="TimerInfo.IsPastDue"/>),
/// not by a run for every missed occurrence; <c>RunOnStartup</c> runs it once as the host starts. A failing run is
/// logged and the schedule goes on.
/// </summary>
internal sealed partial class TimerTriggerScheduler(
    string functionName,
    TimerSchedule schedule,
    bool runOnStartup,
    FunctionInvocation<TimerInfo> invoke,
    IServiceProvider services,
    TimeProvider time,
    ILogger logger)
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    private readonly CancellationTokenSource _stopping = new();
    private Task _running = Task.CompletedTask;

    public string FunctionName => functionName;

    public void Start() => _running = Task.Run(() => RunAsync(_stopping.Token));

    /// <summary>Stops scheduling and cancels a run in progress, waiting for it to end.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _running.WaitAsync(cancellationToken);
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        DateTimeOffset? last = null;
        var from = time.GetUtcNow();
        if (runOnStartup)
        {
            LogRunOnStartup(logger, functionName);
            await InvokeAsync(from, isPastDue: false, last, stopping);
            last = from;
        }

        while (!stopping.IsCancellationRequested)
        {
            if (schedule.NextAfter(from) is not { } next)
            {
                LogNoMoreOccurrences(logger, functionName, schedule.Text);
                return;
            }

            var isPastDue = next < time.GetUtcNow();
            LogNext(logger, functionName, next, isPastDue);
            try
            {
                // In steps of at most a day: a timer cannot wait longer in one go (about 49 days), and a yearly schedule must still work.
                for (var wait = next - time.GetUtcNow(); wait > TimeSpan.Zero; wait = next - time.GetUtcNow())
                    await Task.Delay(wait < LongestWait ? wait : LongestWait, time, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var started = time.GetUtcNow();
            await InvokeAsync(next, isPastDue, last, stopping);
            last = next;
            // Like the Functions listener, the next occurrence counts from when this run started, so a long run
            // is followed by at most one catch-up run.
            from = started > next ? started : next;
        }
    }

    private async Task InvokeAsync(DateTimeOffset occurrence, bool isPastDue, DateTimeOffset? last, CancellationToken stopping)
    {
        var timer = new TimerInfo
        {
            IsPastDue = isPastDue,
            ScheduleStatus = new ScheduleStatus
            {
                Last = last is { } previous ? Local(previous) : default,
                Next = schedule.NextAfter(occurrence) is { } following ? Local(following) : default,
                LastUpdated = Local(time.GetUtcNow()),
            },
        };
        try
        {
            await invoke(services, timer, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            LogCancelled(logger, functionName);
        }
        catch (Exception e)
        {
            LogFailed(logger, e, functionName, occurrence);
        }
    }

    private DateTime Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, time.LocalTimeZone).DateTime;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Timer {Function}: next run at {Next:o} (past due: {IsPastDue})")]
    private static partial void LogNext(ILogger logger, string function, DateTimeOffset next, bool isPastDue);

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {Function}: running on start-up")]
    private static partial void LogRunOnStartup(ILogger logger, string function);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer {Function}: schedule {Schedule} has no further occurrence; the timer stops")]
    private static partial void LogNoMoreOccurrences(ILogger logger, string function, string schedule);

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {Function}: run cancelled by shutdown")]
    private static partial void LogCancelled(ILogger logger, string function);

    [LoggerMessage(Level = LogLevel.Error, Message = "Function {Function} failed on its run scheduled for {Occurrence:o}; the schedule goes on")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function, DateTimeOffset occurrence);
}
