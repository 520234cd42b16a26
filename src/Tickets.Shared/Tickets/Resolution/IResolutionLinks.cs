namespace Tickets.Tickets.Resolution;

/// <summary>
/// The two links of a "resolved" e-mail: the requester confirms the resolution (the ticket closes) or says it is not
/// solved (the ticket reopens). Each link is signed, names one resolution of one ticket and works once, until the ticket
/// would close itself (<see cref="ResolutionLinkPair.ExpiresAt"/>).
/// </summary>
public interface IResolutionLinks
{
    /// <summary>The pair for the ticket's current resolution, or null when the ticket is not resolved.</summary>
    ResolutionLinkPair? For(Ticket ticket);
}

/// <param name="ConfirmUrl">The web page where the requester confirms ("Sí, está resuelto").</param>
/// <param name="ReopenUrl">The web page where the requester reopens ("No, reabrir").</param>
/// <param name="ExpiresAt">When the ticket closes itself unless someone acts; the links stop working then.</param>
/// <param name="Satisfaction">The "how did we do? good / bad" links of the same resolution, when the application makes them.</param>
public sealed record ResolutionLinkPair(string ConfirmUrl, string ReopenUrl, DateTimeOffset ExpiresAt, SatisfactionLinks? Satisfaction = null);

/// <param name="GoodUrl">The web page that records a good rating and offers a comment.</param>
/// <param name="BadUrl">The same for a bad rating.</param>
/// <param name="ExpiresAt">When they stop working (a while after the ticket would close itself: a closed ticket may still be rated).</param>
public sealed record SatisfactionLinks(string GoodUrl, string BadUrl, DateTimeOffset ExpiresAt);
