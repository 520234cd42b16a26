using Microsoft.Extensions.Options;
using Tickets.Notifications;

namespace Tickets.Tickets.Resolution;

/// <summary>
/// The links of a resolved e-mail: <c>{Tickets:PublicUrl}/resolucion?token=…</c>, one per answer, signed
/// (<see cref="ResolutionLinkTokens"/>) for the ticket's current resolution and valid until the ticket would close itself
/// (its resolution time plus <c>Tickets:AutoCloseAfterDays</c>).
/// </summary>
public sealed class ResolutionLinks(ResolutionLinkTokens tokens, TicketRules rules, IOptions<PublicUrlOptions> urls) : IResolutionLinks
{
    public ResolutionLinkPair? For(Ticket ticket)
    {
        if (ticket.Status != TicketStatus.Resolved || ticket.ResolvedAt is not { } resolvedAt) return null;
        var expiresAt = resolvedAt + rules.AutoCloseDelay;
        string Url(ResolutionAnswer answer) => urls.Value.PageUrl("/resolucion?token="
            + tokens.Create(new ResolutionLinkClaims(ticket.Id, ticket.Number, ticket.Requester.Id, resolvedAt, answer, expiresAt)));
        return new ResolutionLinkPair(Url(ResolutionAnswer.Confirm), Url(ResolutionAnswer.Reopen), expiresAt);
    }
}
