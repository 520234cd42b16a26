using System.Text.RegularExpressions;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Tickets.Functions.Triggers;
using Tickets.Messaging;

namespace Tickets.DevHost.Triggers;

/// <summary>
/// Runs the queue- and timer-triggered functions of a <see cref="TriggerCatalog"/> beside the HTTP ones. Everything
/// is checked before anything starts — host.json's queue settings, queue names, connections, schedules and their
/// <c>%settings%</c>, parameters — and every problem is reported at once, naming the key, function or parameter.
/// Nothing here waits for the queue service: listeners reach it in the background and keep retrying.
/// </summary>
internal sealed partial class TriggerHost(
    TriggerCatalog catalog,
    IConfiguration configuration,
    IServiceProvider services,
    IOptions<QueueOptions> queueOptions,
    TimeProvider time,
    ILoggerFactory loggers) : IHostedService
{
    public const string EnabledKey = "DevHost:Triggers";
    public const string HostJsonKey = "DevHost:HostJson";

    /// <summary>
    /// How long a received queue message stays invisible while its function runs (default 10 minutes, as in Azure); a
    /// crash test shortens it so the messages a killed host had taken come back within the test.
    /// </summary>
    public const string MessageLeaseKey = "DevHost:QueueMessageLease";

    private readonly ILogger _logger = loggers.CreateLogger<TriggerHost>();
    private readonly List<QueueTriggerListener> _listeners = [];
    private readonly List<TimerTriggerScheduler> _timers = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue(EnabledKey, true))
        {
            LogDisabled(_logger, EnabledKey);
            return Task.CompletedTask;
        }

        var errors = new List<string>();
        var listeners = CreateListeners(errors);
        var timers = catalog.Timers.Select(f => Collect(errors, () => CreateTimer(f))).OfType<TimerTriggerScheduler>().ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(
                "The local host cannot run the queue and timer functions:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", errors));
        }

        _listeners.AddRange(listeners);
        _timers.AddRange(timers);
        foreach (var listener in _listeners) listener.Start();
        foreach (var timer in _timers) timer.Start();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(_listeners.Select(l => l.StopAsync(cancellationToken)).Concat(_timers.Select(t => t.StopAsync(cancellationToken))));

    private List<QueueTriggerListener> CreateListeners(List<string> errors)
    {
        var hostJson = configuration[HostJsonKey] ?? Path.Combine(AppContext.BaseDirectory, "host.json");
        if (Collect(errors, () => HostJson.ReadQueues(hostJson)) is not { } options) return [];

        if (options.MessageEncoding != queueOptions.Value.MessageEncoding)
        {
            errors.Add($"host.json's extensions.queues.messageEncoding ({options.MessageEncoding}) and " +
                $"{QueueOptions.Section}:MessageEncoding ({queueOptions.Value.MessageEncoding}) differ: senders and triggers must encode alike.");
            return [];
        }

        if (catalog.Queues.Count == 0) return [];
        var lease = configuration.GetValue(MessageLeaseKey, QueueTriggerListener.DefaultLease);
        if (lease < TimeSpan.FromSeconds(2) || lease > TimeSpan.FromDays(7))
        {
            errors.Add($"{MessageLeaseKey}: {lease} is not a lease between 00:00:02 and 7.00:00:00.");
            return [];
        }

        var client = ListenerClient(options);
        return catalog.Queues.Select(f => Collect(errors, () => CreateListener(f, options, client, lease))).OfType<QueueTriggerListener>().ToList();
    }

    /// <summary>The listeners' own client: it decodes as host.json says and poisons what does not decode.</summary>
    private QueueServiceClient ListenerClient(QueueHostOptions options)
    {
        var clientOptions = new QueueClientOptions { MessageEncoding = options.MessageEncoding };
        services.GetService<ListenerClientTuning>()?.Apply(clientOptions);
        UndecodableMessages.MoveToPoison(clientOptions, loggers.CreateLogger(typeof(UndecodableMessages).FullName!));
        return QueueServiceCollectionExtensions.CreateClient(configuration, clientOptions);
    }

    private QueueTriggerListener CreateListener(QueueFunction function, QueueHostOptions options, QueueServiceClient client, TimeSpan lease)
    {
        if (function.Connection != QueueNames.Connection)
        {
            throw new InvalidOperationException(
                $"Function {function.Name} reads its queue through connection '{function.Connection ?? "(default)"}': " +
                $"the local host polls queues through {QueueNames.Connection} only.");
        }

        var invoke = FunctionInvoker.Create(function.Name, function.Method, function.Trigger, QueueMessageBinding.For(function));
        var queueName = SettingReferences.Resolve(function.QueueName, configuration, function.Name);
        if (!QueueName().IsMatch(queueName))
        {
            throw new InvalidOperationException(
                $"Function {function.Name} names queue '{queueName}': a queue name is 3-63 lower-case letters, digits and single hyphens.");
        }

        LogQueueTrigger(_logger, function.Name, queueName, options.BatchSize, options.MaxDequeueCount, options.VisibilityTimeout, options.MaxPollingInterval);
        return new QueueTriggerListener(
            function.Name,
            client.GetQueueClient(queueName),
            client.GetQueueClient(QueueNames.Poison(queueName)),
            options,
            invoke,
            services,
            time,
            loggers.CreateLogger(typeof(QueueTriggerListener).FullName + "." + function.Name),
            lease);
    }

    private TimerTriggerScheduler CreateTimer(TimerFunction function)
    {
        var invoke = FunctionInvoker.Create<TimerInfo>(function.Name, function.Method, function.Trigger, BindTimer(function));
        var expression = SettingReferences.Resolve(function.Schedule, configuration, function.Name);
        var schedule = TimerSchedule.Parse(function.Name, expression, time.LocalTimeZone);
        LogTimerTrigger(_logger, function.Name, expression, function.RunOnStartup);
        return new TimerTriggerScheduler(
            function.Name,
            schedule,
            function.RunOnStartup,
            invoke,
            services,
            time,
            loggers.CreateLogger(typeof(TimerTriggerScheduler).FullName + "." + function.Name));
    }

    private static Func<TimerInfo, object?> BindTimer(TimerFunction function)
    {
        if (function.Trigger.ParameterType == typeof(TimerInfo)) return timer => timer;
        throw new InvalidOperationException(
            $"The local host cannot bind timer trigger parameter '{function.Trigger.Name}' ({function.Trigger.ParameterType.Name}) of function {function.Name}: use TimerInfo.");
    }

    private static T? Collect<T>(List<string> errors, Func<T> create)
        where T : class
    {
        try
        {
            return create();
        }
        catch (InvalidOperationException e)
        {
            errors.Add(e.Message);
            return null;
        }
    }

    [GeneratedRegex("^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex QueueName();

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue and timer functions are off ({Key}=false)")]
    private static partial void LogDisabled(ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Queue trigger {Function} on {Queue} (batchSize {BatchSize}, maxDequeueCount {MaxDequeueCount}, visibilityTimeout {VisibilityTimeout}, maxPollingInterval {MaxPollingInterval})")]
    private static partial void LogQueueTrigger(ILogger logger, string function, string queue, int batchSize, int maxDequeueCount, TimeSpan visibilityTimeout, TimeSpan maxPollingInterval);

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer trigger {Function} on {Schedule} (run on start-up: {RunOnStartup})")]
    private static partial void LogTimerTrigger(ILogger logger, string function, string schedule, bool runOnStartup);
}
