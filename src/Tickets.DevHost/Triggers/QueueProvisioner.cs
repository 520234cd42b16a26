using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using Tickets.Functions.Triggers;
using Tickets.Messaging;

namespace Tickets.DevHost.Triggers;

/// <summary>
/// With <c>Tickets:Queues:CreateIfNotExists</c> (the local host's default; Bicep owns the queues in Azure), creates the
/// app's queues, the triggered ones and their poison queues. It starts before the services that send (demo data, the
/// outbox dispatcher) and gives the queue service a few seconds; if it is unreachable or frozen, start-up goes on
/// and the queues are created in the background, retrying with back-off.
/// </summary>
internal sealed partial class QueueProvisioner(
    IServiceProvider services,
    IOptions<QueueOptions> options,
    IConfiguration configuration,
    IEnumerable<TriggerCatalog> catalogs,
    TimeProvider time,
    ILogger<QueueProvisioner> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan StartBudget = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stopping = new();
    private Task _retrying = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.CreateIfNotExists) return;

        var client = services.GetRequiredService<QueueServiceClient>();
        var names = Names();
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(StartBudget);
        try
        {
            await CreateAsync(client, names, budget.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogNotYet(logger, e, client.Uri.GetLeftPart(UriPartial.Authority));
            _retrying = Task.Run(() => RetryAsync(client, names, _stopping.Token), CancellationToken.None);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _retrying.WaitAsync(cancellationToken);
    }

    public void Dispose() => _stopping.Dispose();

    private List<string> Names() =>
        QueueNames.All
            // A queue whose %setting% is missing is reported by the trigger host; nothing to create for it.
            .Concat(catalogs.SelectMany(c => c.Queues)
                .Select(f => SettingReferences.TryResolve(f.QueueName, configuration))
                .OfType<string>()
                .SelectMany(queue => new[] { queue, QueueNames.Poison(queue) }))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private async Task CreateAsync(QueueServiceClient client, List<string> names, CancellationToken cancellationToken)
    {
        await Task.WhenAll(names.Select(name => client.GetQueueClient(name).CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        LogCreated(logger, names.Count, client.Uri.GetLeftPart(UriPartial.Authority));
    }

    private async Task RetryAsync(QueueServiceClient client, List<string> names, CancellationToken stopping)
    {
        var backoff = new PollingBackoff(FirstRetry, LastRetry);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(backoff.Next(foundMessages: false), time, stopping);
                await CreateAsync(client, names, stopping);
                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogStillUnreachable(logger, e, client.Uri.GetLeftPart(UriPartial.Authority));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queues ready: {Count} queues at {Endpoint}")]
    private static partial void LogCreated(ILogger logger, int count, string endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot create the queues at {Endpoint} yet (is Azurite running? scripts/run.sh starts it); starting anyway and retrying in the background")]
    private static partial void LogNotYet(ILogger logger, Exception exception, string endpoint);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Queues at {Endpoint} still cannot be created; retrying")]
    private static partial void LogStillUnreachable(ILogger logger, Exception exception, string endpoint);
}
