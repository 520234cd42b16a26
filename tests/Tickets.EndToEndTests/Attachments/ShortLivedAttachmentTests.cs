using Microsoft.Extensions.DependencyInjection;
using Tickets.Attachments;
using Tickets.EndToEndTests.Tickets;

namespace Tickets.EndToEndTests.Attachments;

/// <summary>Time-bound behaviour on a host with a 2-second link lifetime and a 1-second life for unreferenced uploads.</summary>
public sealed class ShortLivedAttachmentTests(ShortLivedAttachmentWorld world) : IClassFixture<ShortLivedAttachmentWorld>
{
    private static byte[] Png(int size)
    {
        var content = new byte[size];
        AttachmentClient.Png.CopyTo(content, 0);
        return content;
    }

    /// <summary>Nothing to await but time itself.</summary>
    private static async Task UntilPastAsync(DateTimeOffset instant)
    {
        var left = instant - DateTimeOffset.UtcNow;
        if (left > TimeSpan.Zero) await Task.Delay(left);
    }

    [Fact]
    public async Task AnExpiredLinkIsRefusedByTheBlobService()
    {
        var uploaded = await world.User.UploadedAsync(Png(500), "caduca.png");
        var link = await (await world.User.GetAsync($"api/attachments/{uploaded.Id()}/link")).JsonAsync();
        var url = new Uri(link.Str("url"));
        Assert.Equal(200, (int)(await AttachmentClient.FollowAsync(url)).StatusCode);

        // The signed expiry is whole seconds: a second's margin past the answer's.
        await UntilPastAsync(link.GetProperty("expiresAt").GetDateTimeOffset() + TimeSpan.FromSeconds(1));

        Assert.Equal(403, (int)(await AttachmentClient.FollowAsync(url)).StatusCode);
    }

    [Fact]
    public async Task TheSweepRemovesAnOldUnreferencedUploadAndKeepsAttachedOnes()
    {
        var left = await world.User.UploadedAsync(Png(500), "olvidada.png");
        var used = await world.User.UploadedAsync(Png(500), "usada.png");
        Assert.Equal(201, (int)(await world.User.CreateTicketWithAsync(used.Id())).StatusCode);
        await UntilPastAsync(DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1.5));

        using (var scope = world.Host.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<AttachmentSweep>().RunAsync(CancellationToken.None);

        Assert.False(await world.Host.Blobs.ExistsAsync(left.Id()));
        Assert.Equal(404, (int)(await world.User.GetAsync($"api/attachments/{left.Id()}/link")).StatusCode);
        Assert.True(await world.Host.Blobs.ExistsAsync(used.Id()));
        Assert.Equal(200, (int)(await world.User.GetAsync($"api/attachments/{used.Id()}/link")).StatusCode);
    }
}
