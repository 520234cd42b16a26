namespace Tickets.EndToEndTests.Attachments;

/// <summary>A host whose links work 2 seconds and whose unreferenced uploads expire after 1 second; its sweep never runs by itself.</summary>
public sealed class ShortLivedAttachmentWorld : IAsyncLifetime
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromSeconds(2);

    public LocalHost Host { get; } = new()
    {
        Settings =
        {
            ["Tickets:Attachments:LinkLifetime"] = "00:00:02",
            ["Tickets:Attachments:UnreferencedLifetime"] = "00:00:01",
            // February 29th only: the tests run the sweep when they choose.
            ["Tickets:Attachments:SweepSchedule"] = "0 0 0 29 2 *",
        },
    };

    public HttpClient User { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Host.InitializeAsync();
        User = await Host.UserAsync();
    }

    public Task DisposeAsync() => Host.DisposeAsync();
}
