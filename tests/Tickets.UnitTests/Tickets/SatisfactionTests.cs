using System.Text.Json;
using Tickets.Common;
using Tickets.Identity;
using Tickets.Messaging;
using Tickets.Notifications;
using Tickets.Tickets;
using Tickets.Tickets.Resolution;

namespace Tickets.UnitTests.Tickets;

/// <summary>Satisfaction in the aggregate, the notification rules and the link tokens.</summary>
public sealed class SatisfactionTests
{
    private static readonly DateTimeOffset Later = Build.Start.AddHours(1);

    [Fact]
    public void TheRequesterRatesTheCurrentResolutionOnce()
    {
        var ticket = Build.InStatus(TicketStatus.Resolved);

        var rated = ticket.Rate(Build.Requester, SatisfactionRating.Good, "  Rápido.  ", Later).Ok().Ticket;

        Assert.Equal(new TicketSatisfaction(SatisfactionRating.Good, "Rápido.", Later, Build.Start), rated.Satisfaction);
        Assert.False(rated.AwaitsSatisfaction);
        Assert.False(rated.ActionsFor(Build.Requester).Rate);
        Assert.Equal("already_rated", rated.Rate(Build.Requester, SatisfactionRating.Bad, null, Later).Error!.Code);
    }

    [Theory]
    [InlineData(TicketStatus.Open)]
    [InlineData(TicketStatus.InProgress)]
    [InlineData(TicketStatus.OnHold)]
    public void ATicketWithoutAResolutionCannotBeRated(TicketStatus status)
    {
        var ticket = Build.InStatus(status);

        Assert.Equal("not_resolved", ticket.Rate(Build.Requester, SatisfactionRating.Good, null, Later).Error!.Code);
        Assert.False(ticket.ActionsFor(Build.Requester).Rate);
    }

    [Fact]
    public void ATicketClosedWithoutAResolutionHasNothingToRate()
    {
        var ticket = Build.InStatus(TicketStatus.Closed) with { ResolvedAt = null };

        Assert.Equal("not_resolved", ticket.Rate(Build.Requester, SatisfactionRating.Good, null, Later).Error!.Code);
    }

    [Fact]
    public void OnlyTheRequesterRates()
    {
        var ticket = Build.InStatus(TicketStatus.Resolved);

        Assert.Equal(ErrorKind.Forbidden, ticket.Rate(Build.Technician, SatisfactionRating.Good, null, Later).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, ticket.Rate(Build.Admin, SatisfactionRating.Good, null, Later).Error!.Kind);
        Assert.False(ticket.ActionsFor(Build.Technician).Rate);
        Assert.True(ticket.ActionsFor(Build.Requester).Rate);
    }

    [Fact]
    public void ANewResolutionAfterAReopeningAsksAgain()
    {
        var rated = Build.InStatus(TicketStatus.Resolved).Rate(Build.Requester, SatisfactionRating.Bad, null, Later).Ok().Ticket;

        var resolvedAgain = rated with { ResolvedAt = Later.AddHours(1) };

        Assert.True(resolvedAgain.AwaitsSatisfaction);
        Assert.Equal(SatisfactionRating.Good, resolvedAgain.Rate(Build.Requester, SatisfactionRating.Good, null, Later.AddHours(2)).Ok().Ticket.Satisfaction!.Rating);
    }

    [Fact]
    public void ALinkRatingTakesOneCommentAfterwardsAndOnlyFromItsOwnRating()
    {
        var rated = Build.InStatus(TicketStatus.Resolved).Rate(Build.Requester, SatisfactionRating.Bad, null, Later, "resolution_link").Ok().Ticket;

        var commented = rated.CommentSatisfaction(Build.Requester, SatisfactionRating.Bad, "Nadie llamó.", Later, "resolution_link").Ok();

        Assert.Equal("Nadie llamó.", commented.Ticket.Satisfaction!.Comment);
        Assert.Equal(TicketEventType.SatisfactionCommented, Assert.Single(commented.Events).Type);
        Assert.Equal("already_rated", rated.CommentSatisfaction(Build.Requester, SatisfactionRating.Good, "Bien.", Later, "resolution_link").Error!.Code);
        Assert.Equal("already_rated", commented.Ticket.CommentSatisfaction(Build.Requester, SatisfactionRating.Bad, "Otra.", Later, "resolution_link").Error!.Code);
    }

    [Fact]
    public void StaffAndTheRequesterSeeTheRatingWithItsComment()
    {
        var rated = Build.InStatus(TicketStatus.Resolved).Rate(Build.Requester, SatisfactionRating.Bad, "Lento.", Later).Ok().Ticket;

        Assert.Equal("Lento.", SatisfactionView.Of(rated, Build.Technician)!.Comment);
        Assert.Equal("Lento.", SatisfactionView.Of(rated, Build.Requester)!.Comment);
        Assert.Null(SatisfactionView.Of(rated, Build.OtherUser));
    }

    [Theory]
    [InlineData(null, "rating")]
    [InlineData("meh", "rating")]
    public void ARequestWithoutAKnownRatingNamesRating(string? rating, string field)
    {
        var parsed = new SatisfactionRequest(rating).Parsed();

        Assert.Equal([field], parsed.Error!.Errors!.Keys);
    }

    [Fact]
    public void ACommentOver2000CharactersNamesComment()
    {
        var parsed = new SatisfactionRequest("good", new string('a', TicketSatisfaction.CommentMax + 1)).Parsed();

        Assert.Equal(["comment"], parsed.Error!.Errors!.Keys);
        Assert.True(new SatisfactionRequest("good", new string('a', TicketSatisfaction.CommentMax)).Parsed().IsSuccess);
    }

    private static List<NotificationMessage> Plan(TicketChange change) =>
        NotificationRules.Plan(change, Build.Requester, [Build.Admin.Id, "a-second-admin"])
            .Select(m => JsonSerializer.Deserialize<NotificationMessage>(m.Body, Json.Options)!)
            .ToList();

    [Fact]
    public void ABadRatingTellsTheAssigneeAndEveryActiveAdminWithTheComment()
    {
        var change = Build.InStatus(TicketStatus.Resolved).Rate(Build.Requester, SatisfactionRating.Bad, "Tardaron mucho.", Later).Ok();

        var told = Assert.Single(Plan(change));

        Assert.True(NotificationRules.NeedsAdmins(change));
        Assert.Equal(NotificationType.SatisfactionBad, told.Type);
        Assert.Equal([Build.Admin.Id, "a-second-admin", Build.Technician.Id], told.RecipientIds.Order(StringComparer.Ordinal));
        Assert.Equal("Tardaron mucho.", told.Data.Excerpt);
    }

    [Fact]
    public void AGoodRatingTellsNobody()
    {
        var change = Build.InStatus(TicketStatus.Resolved).Rate(Build.Requester, SatisfactionRating.Good, "Genial.", Later).Ok();

        Assert.Empty(Plan(change));
        Assert.False(NotificationRules.NeedsAdmins(change));
    }

    [Fact]
    public void TheBadRatingNotificationIsWordedInBothLanguages()
    {
        var content = new NotificationContent(new EventActor(Build.Requester.Id, Build.Requester.Name), new NotificationData { Number = 7, Title = "Sin VPN" });

        Assert.Equal("Úrsula Usuaria ha valorado como mala la resolución de TCK-000007.",
            NotificationText.Line(NotificationType.SatisfactionBad, content, Reader.Of("es", null, "UTC")));
        Assert.Equal("Bad rating: [TCK-000007] Sin VPN", NotificationText.Subject(NotificationType.SatisfactionBad, content.Data, Reader.Of("en", null, "UTC")));
    }

    [Theory]
    [InlineData(ResolutionAnswer.Good)]
    [InlineData(ResolutionAnswer.Bad)]
    public void ARatingTokenReadsBackWithItsAnswer(ResolutionAnswer answer)
    {
        var tokens = new ResolutionLinkTokens(new ServerKeys(Microsoft.Extensions.Options.Options.Create(new JwtOptions
        {
            SigningKeys = [new SigningKeyOptions { Id = "k1", Key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()) }],
        })));
        var claims = new ResolutionLinkClaims("ticket-1", 1, "u-requester", Build.Start, answer, Build.Start.AddDays(37));

        Assert.Equal(claims, tokens.Read(tokens.Create(claims)));
    }
}
