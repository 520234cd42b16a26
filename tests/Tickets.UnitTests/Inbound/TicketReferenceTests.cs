using Tickets.Inbound;

namespace Tickets.UnitTests.Inbound;

public sealed class TicketReferenceTests
{
    private const string Domain = "example.org";

    [Theory]
    [InlineData("Re: Respuesta en [TCK-000123] La impresora", "TCK-000123")]
    [InlineData("RE: [tck-42] algo", "TCK-000042")]
    [InlineData("Fwd: Reply on [ TCK-000007 ] x", "TCK-000007")]
    public void TheSubjectsBracketedNumberNamesTheTicket(string subject, string number)
    {
        Assert.Equal(new TicketReference(number, null, null), TicketReference.Find(subject, null, [], Domain));
    }

    [Fact]
    public void ANumberWithoutBracketsIsNoReference()
    {
        Assert.Null(TicketReference.Find("About TCK-000123", null, [], Domain));
    }

    [Fact]
    public void InReplyToOurNotificationNamesIt()
    {
        Assert.Equal(new TicketReference(null, null, "event-1-u1"),
            TicketReference.Find("Re: hola", "<notification-event-1-u1@example.org>", [], Domain));
    }

    [Fact]
    public void ReferencesToOurThreadRootNameTheTicket()
    {
        Assert.Equal(new TicketReference(null, "0a1b2c", null),
            TicketReference.Find("Re: hola", "<CAF=abc@mail.gmail.com>", ["<ticket-0a1b2c@EXAMPLE.org>", "<CAF=abc@mail.gmail.com>"], Domain));
    }

    [Fact]
    public void IdsUnderAnotherDomainAreNotOurs()
    {
        Assert.Null(TicketReference.Find("Re: hola", "<ticket-0a1b2c@example.org.evil.test>", ["<notification-x@other.test>"], Domain));
    }

    [Fact]
    public void AnIdThatCannotBeOneIsNoReference()
    {
        Assert.Null(TicketReference.Find("Re: hola", "<ticket-a/b@example.org>", [], Domain));
    }
}
