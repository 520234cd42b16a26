using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Tickets.Common;
using Tickets.Inbound;
using Tickets.Messaging;

namespace Tickets.UnitTests.Inbound;

public sealed class InboundWebhookTests
{
    private const string Secret = "a-webhook-secret-of-at-least-thirty-two-chars";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("From: ana@example.org\r\nSubject: Hola\r\n\r\nLa impresora.\r\n");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
    private readonly InMemoryInboundBlobs _blobs = new();
    private readonly List<(string Queue, string Body)> _sent = [];
    private readonly InboundOptions _options = new() { WebhookSecret = Secret, MaxMessageBytes = 1024 };

    private InboundWebhook Webhook()
    {
        var queue = new Mock<IQueueSender>();
        queue.Setup(q => q.SendAsync(It.IsAny<string>(), It.IsAny<string>(), null, It.IsAny<CancellationToken>()))
            .Callback<string, string, DateTimeOffset?, CancellationToken>((name, body, _, _) => _sent.Add((name, body))).Returns(Task.CompletedTask);
        return new InboundWebhook(Options.Create(_options), _blobs, queue.Object, _time);
    }

    private string Now(int shiftSeconds = 0) => (_time.GetUtcNow().ToUnixTimeSeconds() + shiftSeconds).ToString(CultureInfo.InvariantCulture);

    private Task<Result<InboundMailMessage>> PostAsync(string? timestamp, string? signature, byte[]? body = null) =>
        Webhook().AcceptAsync(timestamp, signature, null, new MemoryStream(body ?? Body), CancellationToken.None);

    [Fact]
    public async Task AWellSignedMessageIsKeptAndQueued()
    {
        var timestamp = Now();

        var accepted = await PostAsync(timestamp, InboundWebhook.Sign(Secret, timestamp, Body));

        Assert.True(accepted.IsSuccess);
        Assert.Equal(InboundDoor.Webhook, accepted.Value.Door);
        Assert.Equal($"webhook-{accepted.Value.Id}", accepted.Value.Blob);
        await using var kept = (await _blobs.OpenReadAsync(accepted.Value.Blob))!;
        using var copy = new MemoryStream();
        await kept.CopyToAsync(copy);
        Assert.Equal(Body, copy.ToArray());
        Assert.Equal(QueueNames.InboundMail, Assert.Single(_sent).Queue);
    }

    [Fact]
    public async Task ASignatureOfAnotherBodyIsRefusedNamingTheSignatureAndKeepsNothing()
    {
        var timestamp = Now();

        var refused = await PostAsync(timestamp, InboundWebhook.Sign(Secret, timestamp, Encoding.UTF8.GetBytes("otro cuerpo")));

        Assert.Equal(ErrorKind.Unauthorized, refused.Error!.Kind);
        Assert.Contains(InboundWebhook.SignatureHeader, refused.Error.Errors!.Keys);
        Assert.Empty(_sent);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256=zz")]
    [InlineData("md5=00112233445566778899aabbccddeeff")]
    public async Task AMissingOrMalformedSignatureIsRefused(string? signature)
    {
        var refused = await PostAsync(Now(), signature);

        Assert.Contains(InboundWebhook.SignatureHeader, refused.Error!.Errors!.Keys);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public async Task ATimestampMoreThanTheToleranceAwayEitherWayIsRefused(int shift)
    {
        var timestamp = Now(shift);

        var refused = await PostAsync(timestamp, InboundWebhook.Sign(Secret, timestamp, Body));

        Assert.Contains(InboundWebhook.TimestampHeader, refused.Error!.Errors!.Keys);
    }

    [Fact]
    public async Task ATimestampWithinTheToleranceIsAccepted()
    {
        var timestamp = Now(-299);

        Assert.True((await PostAsync(timestamp, InboundWebhook.Sign(Secret, timestamp, Body))).IsSuccess);
    }

    [Fact]
    public async Task ABodyOverTheLimitIsTooLargeAndNamesTheLimit()
    {
        var big = new byte[_options.MaxMessageBytes + 1];
        var timestamp = Now();

        var refused = await PostAsync(timestamp, InboundWebhook.Sign(Secret, timestamp, big), big);

        Assert.Equal(ErrorKind.PayloadTooLarge, refused.Error!.Kind);
        Assert.Equal(_options.MaxMessageBytes, refused.Error.Extensions!["maxBytes"]);
        Assert.Empty(_sent);
    }
}
