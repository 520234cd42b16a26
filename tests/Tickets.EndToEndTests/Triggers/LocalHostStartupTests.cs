namespace Tickets.EndToEndTests.Triggers;

/// <summary>The local host itself refuses to start on queue settings it cannot honour.</summary>
public sealed class LocalHostStartupTests
{
    [Fact]
    public async Task AnInvalidHostJsonQueueSettingStopsTheLocalHostNamingTheKey()
    {
        var hostJson = Path.Combine(Directory.CreateTempSubdirectory("tickets-hostjson-").FullName, "host.json");
        await File.WriteAllTextAsync(hostJson, """{ "version": "2.0", "extensions": { "queues": { "maxPollingInterval": "00:00:00.010" } } }""");
        var host = new LocalHost();
        host.Settings["DevHost:HostJson"] = hostJson;
        host.Settings["Tickets:DemoData"] = "false";

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(host.InitializeAsync);
        await host.DisposeAsync();

        Assert.Contains("extensions.queues.maxPollingInterval", failure.Message);
    }
}
