using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tickets.DevHost.Triggers;
using Tickets.EndToEndTests.Services;
using Tickets.Functions.Triggers;
using Tickets.Messaging;

namespace Tickets.EndToEndTests.Triggers;

/// <summary>
/// The local host's trigger runner alone — the same registration the local host uses — over some test functions,
/// a host.json written for the test, and (when it runs) an Azurite of the test's own.
/// </summary>
public sealed class TriggerTestHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _hostJson;

    private TriggerTestHost(IHost host, string hostJson)
    {
        _host = host;
        _hostJson = hostJson;
    }

    public InvocationLog Invocations => _host.Services.GetRequiredService<InvocationLog>();

    public CapturedLogs Logs => _host.Services.GetRequiredService<CapturedLogs>();

    /// <summary>Builds the host; <see cref="StartAsync"/> starts it (and throws what start-up reports).</summary>
    /// <param name="queues">The queue service's connection string.</param>
    /// <param name="queuesJson">host.json's <c>extensions.queues</c>.</param>
    /// <param name="catalog">The functions to run.</param>
    /// <param name="settings">More configuration.</param>
    /// <param name="quickRetries">
    /// Let the SDK give up on an unreachable service after one quick retry instead of its default of several over
    /// about 20 s, so a test sees the listener's own handling of the failure within seconds.
    /// </param>
    public static TriggerTestHost Create(
        string queues, string queuesJson, TriggerCatalog catalog, IDictionary<string, string?>? settings = null, bool quickRetries = false)
    {
        var hostJson = Path.Combine(Directory.CreateTempSubdirectory("tickets-hostjson-").FullName, "host.json");
        File.WriteAllText(hostJson, $$"""{ "version": "2.0", "extensions": { "queues": {{queuesJson}} } }""");

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [QueueNames.Connection] = queues,
            ["Tickets:Queues:CreateIfNotExists"] = "true",
            ["DevHost:HostJson"] = hostJson,
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);

        var logs = new CapturedLogs();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton(logs);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<InvocationLog>();
        builder.Services.AddScoped<ScopedThing>();
        builder.Services.AddTicketsQueues(builder.Configuration);
        if (quickRetries)
        {
            builder.Services.AddSingleton(new ListenerClientTuning(options =>
            {
                options.Retry.MaxRetries = 1;
                options.Retry.Delay = TimeSpan.FromMilliseconds(50);
            }));
        }

        builder.Services.AddQueueProvisioning();
        builder.Services.AddFunctionTriggers(catalog);
        return new TriggerTestHost(builder.Build(), hostJson);
    }

    public static async Task<TriggerTestHost> StartAsync(
        AzuriteProcess azurite, string queuesJson, TriggerCatalog catalog, IDictionary<string, string?>? settings = null, bool quickRetries = false)
    {
        var host = Create(azurite.ConnectionString, queuesJson, catalog, settings, quickRetries);
        await host.StartAsync();
        return host;
    }

    public Task StartAsync() => _host.StartAsync();

    public bool Stopping => _host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync();
        }
        finally
        {
            _host.Dispose();
            Directory.Delete(Path.GetDirectoryName(_hostJson)!, recursive: true);
        }
    }
}
