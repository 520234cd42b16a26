using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using Tickets.Functions.Triggers;
using Tickets.Messaging;

namespace Tickets.DevHost.Triggers;

/// <summary>
/// With <c>Tickets:Queues:CreateIfNotExists</c> (the local host's default; Bicep owns the queues in Azure), creates the
/// app's queues, the triggered ones and their poison queues in the background, retrying while the queue service is
/// unreachable, so start-up never waits for it.
/// </summary>
internal sealed partial class QueueProvisioner(
    IServiceProvider services,
    IOptions<QueueOptions> options,
    IConfiguration configuration,
    TriggerCatalog catalog,
    TimeProvider time,
    ILogger<QueueProvisioner> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.CreateIfNotExists) return;

        var client = services.GetRequiredService<QueueServiceClient>();
        var names = QueueNames.All
            // A queue whose %setting% is missing is reported by the trigger host; nothing to create for it.
            .Concat(catalog.Queues
                .Select(f => SettingReferences.TryResolve(f.QueueName, configuration))
                .OfType<string>()
                .SelectMany(queue => new[] { queue, QueueNames.Poison(queue) }))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        var backoff = new PollingBackoff(FirstRetry, LastRetry);
        var warned = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var name in names)
                    await client.GetQueueClient(name).CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                LogCreated(logger, names.Count, client.Uri.GetLeftPart(UriPartial.Authority));
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                if (!warned) LogUnreachable(logger, e, client.Uri.GetLeftPart(UriPartial.Authority));
                warned = true;
            }

            await Task.Delay(backoff.Next(foundMessages: false), time, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queues ready: {Count} queues at {Endpoint}")]
    private static partial void LogCreated(ILogger logger, int count, string endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot create the queues at {Endpoint} yet; retrying with back-off")]
    private static partial void LogUnreachable(ILogger logger, Exception exception, string endpoint);
}
