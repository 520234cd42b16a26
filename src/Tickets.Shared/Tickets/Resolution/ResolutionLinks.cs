using Microsoft.Extensions.Options;
using Tickets.Notifications;

namespace Tickets.Tickets.Resolution;

/// <summary>
/// The links of a resolved e-mail: <c>{Tickets:PublicUrl}/resolucion?token=…</c>, one per answer, signed
/// (<see cref="ResolutionLinkTokens"/>) for the ticket's current resolution and valid until the ticket would close itself
/// (its resolution time plus <c>Tickets:AutoCloseAfterDays</c>). With them, the satisfaction links
/// <c>{Tickets:PublicUrl}/satisfaccion?token=…</c> (good, bad) of the same resolution, signed the same way and valid
/// <see cref="SatisfactionWindow"/> after the ticket would close itself, since a closed ticket may still be rated.
/// </summary>
public sealed class ResolutionLinks(ResolutionLinkTokens tokens, TicketRules rules, IOptions<PublicUrlOptions> urls) : IResolutionLinks
{
    /// <summary>How long after the ticket would close itself its satisfaction links still work.</summary>
    public static readonly TimeSpan SatisfactionWindow = TimeSpan.FromDays(30);

    public ResolutionLinkPair? For(Ticket ticket)
    {
        if (ticket.Status != TicketStatus.Resolved || ticket.ResolvedAt is not { } resolvedAt) return null;
        var expiresAt = resolvedAt + rules.AutoCloseDelay;
        var ratedUntil = expiresAt + SatisfactionWindow;
        string Url(string page, ResolutionAnswer answer, DateTimeOffset until) => urls.Value.PageUrl(page + "?token="
            + tokens.Create(new ResolutionLinkClaims(ticket.Id, ticket.Number, ticket.Requester.Id, resolvedAt, answer, until)));
        var satisfaction = ticket.AwaitsSatisfaction
            ? new SatisfactionLinks(Url("/satisfaccion", ResolutionAnswer.Good, ratedUntil), Url("/satisfaccion", ResolutionAnswer.Bad, ratedUntil), ratedUntil)
            : null;
        return new ResolutionLinkPair(Url("/resolucion", ResolutionAnswer.Confirm, expiresAt), Url("/resolucion", ResolutionAnswer.Reopen, expiresAt), expiresAt, satisfaction);
    }
}
