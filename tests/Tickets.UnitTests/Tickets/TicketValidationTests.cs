using Tickets.Common;
using Tickets.Tickets;

namespace Tickets.UnitTests.Tickets;

public sealed class TicketValidationTests
{
    private static Result<TicketChange> Create(string? title = "Título válido", string? description = "Descripción", string? priority = null, string? category = null) =>
        Ticket.Create("t", 1, new CreateTicketRequest(title, description, priority, category), Build.Requester, Build.Rules(), Build.Start);

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(200, true)]
    [InlineData(201, false)]
    public void TitleIsThreeToTwoHundredCharacters(int length, bool valid) =>
        Assert.Equal(valid, Create(title: new string('a', length)).IsSuccess);

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(10_000, true)]
    [InlineData(10_001, false)]
    public void DescriptionIsOneToTenThousandCharacters(int length, bool valid) =>
        Assert.Equal(valid, Create(description: new string('d', length)).IsSuccess);

    [Theory]
    [InlineData(1, true)]
    [InlineData(5_000, true)]
    [InlineData(5_001, false)]
    public void CommentBodyIsOneToFiveThousandCharacters(int length, bool valid) =>
        Assert.Equal(valid, Build.NewTicket().AddComment(Build.Requester, "c", new CommentRequest(new string('c', length)), Build.Rules(), Build.Start).IsSuccess);

    [Fact]
    public void WhitespaceOnlyCommentIsRefused() =>
        Assert.Equal(["body"], Build.NewTicket().AddComment(Build.Requester, "c", new CommentRequest("   "), Build.Rules(), Build.Start).Error!.Errors!.Keys);

    [Fact]
    public void EveryBadFieldIsNamedAtOnce()
    {
        var error = Create(title: "ab", description: "", priority: "urgent", category: "cocina").Error!;

        Assert.Equal(["category", "description", "priority", "title"], error.Errors!.Keys.Order());
    }

    [Fact]
    public void PriorityDefaultsToMediumAndCategoryTakesTheConfiguredSpelling()
    {
        var ticket = Create(category: "HARDWARE").Ok().Ticket;

        Assert.Equal(Priority.Medium, ticket.Priority);
        Assert.Equal("hardware", ticket.Category);
    }

    [Fact]
    public void CategoriesComeFromConfiguration()
    {
        var rules = Build.Rules(options: new TicketOptions { Categories = ["impresoras"] });

        var outcome = Ticket.Create("t", 1, new CreateTicketRequest("Título", "Texto", null, "hardware"), Build.Requester, rules, Build.Start);

        Assert.Equal(["category"], outcome.Error!.Errors!.Keys);
    }

    [Theory]
    [InlineData("TCK-000123", 123)]
    [InlineData("tck-42", 42)]
    public void NumbersParseFromTheirDisplayForm(string text, long number)
    {
        Assert.True(Ticket.TryParseNumber(text, out var parsed));
        Assert.Equal(number, parsed);
        Assert.Equal("TCK-000123", Ticket.FormatNumber(123));
    }

    [Theory]
    [InlineData("TCK-")]
    [InlineData("TCK-12a")]
    [InlineData("0123abcd")]
    public void IdsAreNotNumbers(string text) => Assert.False(Ticket.TryParseNumber(text, out _));

    [Fact]
    public void RequesterMayNotEditOnceAssigned()
    {
        var outcome = Build.InStatus(TicketStatus.Open).Edit(Build.Requester, new UpdateTicketRequest(Title: "Nuevo título"), Build.Rules(), Build.Start);

        Assert.Equal(ErrorKind.Forbidden, outcome.Error!.Kind);
    }

    [Fact]
    public void AssigneeMayChangePriorityButNotTheText()
    {
        var ticket = Build.InStatus(TicketStatus.InProgress);

        Assert.True(ticket.Edit(Build.Technician, new UpdateTicketRequest(Priority: "high"), Build.Rules(), Build.Start).IsSuccess);
        Assert.Equal(ErrorKind.Forbidden, ticket.Edit(Build.Technician, new UpdateTicketRequest(Title: "Otro"), Build.Rules(), Build.Start).Error!.Kind);
    }

    [Fact]
    public void EditThatChangesNothingWritesNothing()
    {
        var ticket = Build.NewTicket();

        var change = ticket.Edit(Build.Requester, new UpdateTicketRequest(Title: ticket.Title), Build.Rules(), Build.Start.AddHours(1)).Ok();

        Assert.True(change.IsEmpty);
        Assert.Equal(ticket, change.Ticket);
    }
}
