using System.Web;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Tickets.Attachments;
using Tickets.Common;

namespace Tickets.UnitTests.Attachments;

/// <summary>The links signed with an account key (Azurite's); made locally, no service needed.</summary>
public sealed class BlobAttachmentStoreTests
{
    // Azurite's well-known development account (published in its documentation; not a secret).
    private const string Connection = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";

    private static readonly DateTimeOffset Now = new(2025, 3, 4, 10, 0, 0, TimeSpan.Zero);

    private static BlobAttachmentStore Store() =>
        new(new BlobServiceClient(Connection), Options.Create(new BlobOptions()), new FakeTimeProvider(Now));

    [Fact]
    public async Task ALinkReadsThatOneBlobOnlyStartingALittleInThePastAndEndingWithinItsLifetime()
    {
        var url = await Store().ReadUrlAsync("0193abc", "shot.png", "image/png", inline: true, TimeSpan.FromMinutes(5));
        var query = HttpUtility.ParseQueryString(url.Query);

        Assert.Equal("/devstoreaccount1/attachments/0193abc", url.AbsolutePath);
        Assert.Equal("r", query["sp"]);
        Assert.Equal("b", query["sr"]);
        Assert.Equal(Now.AddMinutes(5), DateTimeOffset.Parse(query["se"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(DateTimeOffset.Parse(query["st"]!, System.Globalization.CultureInfo.InvariantCulture) < Now);
        Assert.False(string.IsNullOrEmpty(query["sig"]));
    }

    [Fact]
    public async Task TheLinkOverridesTheAnswersTypeAndDisposition()
    {
        var url = await Store().ReadUrlAsync("0193abc", "log de errores.txt", "text/plain", inline: false, TimeSpan.FromMinutes(1));
        var query = HttpUtility.ParseQueryString(url.Query);

        Assert.Equal("text/plain", query["rsct"]);
        Assert.Equal("attachment; filename=\"log de errores.txt\"; filename*=UTF-8''log%20de%20errores.txt", query["rscd"]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(301)]
    public async Task NoLinkWorksForNothingOrForMoreThanFiveMinutes(int seconds)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            Store().ReadUrlAsync("0193abc", "a.png", "image/png", inline: true, TimeSpan.FromSeconds(seconds)));
    }

    [Theory]
    [InlineData("00:05:01", "LinkLifetime")]
    [InlineData("00:00:00", "LinkLifetime")]
    public void ALinkLifetimeOverFiveMinutesStopsStartUp(string lifetime, string key)
    {
        var failures = OptionsValidation.Failures(
            new AttachmentOptions { LinkLifetime = TimeSpan.Parse(lifetime, System.Globalization.CultureInfo.InvariantCulture) },
            AttachmentOptions.Section, AttachmentOptions.Rules);

        Assert.Contains(failures, f => f.StartsWith($"Tickets:Attachments:{key}:", StringComparison.Ordinal));
    }
}
