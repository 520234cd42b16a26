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
public sealed record ResolutionLinkPair(string ConfirmUrl, string ReopenUrl, DateTimeOffset ExpiresAt);
