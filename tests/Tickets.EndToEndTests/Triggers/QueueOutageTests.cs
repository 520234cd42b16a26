using Microsoft.Extensions.Logging;
using Tickets.EndToEndTests.Services;
using Tickets.Functions.Triggers;

namespace Tickets.EndToEndTests.Triggers;

/// <summary>A queue service that is down or frozen never stops the host; its functions run once it answers again.</summary>
public sealed class QueueOutageTests : IAsyncLifetime
{
    private const string Quick = """{ "maxPollingInterval": "00:00:00.500" }""";
    private AzuriteProcess _azurite = null!;

    public async Task InitializeAsync() => _azurite = await AzuriteProcess.StartAsync();

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task TheHostStartsWhileTheQueueServiceIsFrozenAndCatchesUpOnceItThaws()
    {
        _azurite.Freeze();
        await using var host = await TriggerTestHost.StartAsync(_azurite, Quick, TriggerCatalog.From(typeof(EchoFunction)));
        _azurite.Thaw();

        await _azurite.SendAsync(EchoFunction.Queue, "after the thaw");

        await Eventually.Until(() => host.Invocations.Of("Echo"), i => i.Count == 1, "handled after the thaw");
        Assert.False(host.Stopping);
    }

    [Fact]
    public async Task AnUnreachableQueueServiceIsAWarningAndTheListenerKeepsTryingUntilItIsBack()
    {
        var port = _azurite.Port;
        await _azurite.DisposeAsync();

        await using var host = await TriggerTestHost.StartAsync(_azurite, Quick, TriggerCatalog.From(typeof(EchoFunction)), quickRetries: true);

        var warning = await Eventually.Until(
            () => host.Logs.Entries.FirstOrDefault(e => e.Level == LogLevel.Warning && Equals(e.Values.GetValueOrDefault("Function"), "Echo")),
            e => e is not null, "warned");
        _azurite = await AzuriteProcess.StartAsync(port);
        await _azurite.SendAsync(EchoFunction.Queue, "back again");

        await Eventually.Until(() => host.Invocations.Of("Echo"), i => i.Count == 1, "handled once the service is back");
        Assert.Contains("unreachable", warning!.Message, StringComparison.Ordinal);
        Assert.False(host.Stopping);
    }
}
