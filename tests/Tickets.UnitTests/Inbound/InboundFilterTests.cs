using MimeKit;
using Tickets.Inbound;

namespace Tickets.UnitTests.Inbound;

/// <summary>Loop protection: what no person wrote, or what must never be answered, is refused with its reason.</summary>
public sealed class InboundFilterTests
{
    private static readonly string[] Own = ["soporte@example.org", "tickets@example.org"];

    private static InboundRefusal? Check(MimeMessage message) => InboundFilter.Check(message, Own);

    [Fact]
    public void APersonsMailPasses()
    {
        Assert.Null(Check(MailBuilder.From("ana@example.org").Header("Auto-Submitted", "no").Mime()));
    }

    [Theory]
    [InlineData("Auto-Submitted", "auto-replied")]
    [InlineData("Auto-Submitted", "auto-generated; owner-email=\"x@example.org\"")]
    [InlineData("X-Autoreply", "yes")]
    [InlineData("X-Autorespond", "Out of office")]
    [InlineData("Precedence", "auto_reply")]
    public void AnAutoReplyIsRefused(string header, string value)
    {
        Assert.Equal(InboundRefusal.AutoReply, Check(MailBuilder.From("ana@example.org").Header(header, value).Mime()));
    }

    [Theory]
    [InlineData("Precedence", "bulk")]
    [InlineData("Precedence", "list")]
    [InlineData("Precedence", "junk")]
    [InlineData("List-Id", "<news.example.org>")]
    [InlineData("List-Unsubscribe", "<mailto:leave@example.org>")]
    public void BulkMailIsRefused(string header, string value)
    {
        Assert.Equal(InboundRefusal.Bulk, Check(MailBuilder.From("news@example.com").Header(header, value).Mime()));
    }

    [Theory]
    [InlineData("MAILER-DAEMON@mx.example.com")]
    [InlineData("postmaster@example.com")]
    public void ABounceBySenderIsRefusedEvenIfItAlsoLooksAutomatic(string from)
    {
        Assert.Equal(InboundRefusal.Bounce, Check(MailBuilder.From(from).Header("Auto-Submitted", "auto-replied").Mime()));
    }

    [Fact]
    public void ADeliveryStatusReportIsABounce()
    {
        var message = MailBuilder.From("someone@example.com").Mime();
        var report = new MultipartReport("delivery-status") { new TextPart("plain") { Text = "Delivery failed" } };
        message.Body = report;

        Assert.Equal(InboundRefusal.Bounce, Check(message));
    }

    [Theory]
    [InlineData("Soporte@Example.org")]
    [InlineData("tickets@example.org")]
    public void OurOwnAddressIsRefused(string from)
    {
        Assert.Equal(InboundRefusal.OwnAddress, Check(MailBuilder.From(from).Mime()));
    }

    [Fact]
    public void MailWithoutFromIsRefused()
    {
        var message = MailBuilder.From("ana@example.org").Mime();
        message.From.Clear();

        Assert.Equal(InboundRefusal.NoSender, Check(message));
    }
}
