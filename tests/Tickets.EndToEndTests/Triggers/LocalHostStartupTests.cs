namespace Tickets.EndToEndTests.Triggers;

/// <summary>The local host itself refuses to start on queue settings it cannot honour.</summary>
public sealed class LocalHostStartupTests
{
    [Fact]
    public async Task AnInvalidHostJsonQueueSettingStopsTheLocalHostNamingTheKey()
    {
        var host = new LocalHost { QueueSettings = """{ "maxPollingInterval": "00:00:00.010" }""" };
        host.Settings["Tickets:DemoData"] = "false";

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(host.InitializeAsync);
        await host.DisposeAsync();

        Assert.Contains("extensions.queues.maxPollingInterval", failure.Message);
    }
}
