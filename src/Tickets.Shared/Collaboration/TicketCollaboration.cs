using Tickets.Budgets;
using Tickets.Common;
using Tickets.Identity;
using Tickets.Tickets;
using Tickets.Users;

namespace Tickets.Collaboration;

/// <summary>
/// Who else is on a ticket: the CCs the requester (or staff) copies in, the staff who follow it, and the people finder the
/// CC picker uses. Ticket changes go through the one <see cref="TicketWriter"/>, on the ticket as the caller may see it
/// (<see cref="TicketService.GetAsync"/>: 404 for a ticket they may not see).
/// </summary>
public sealed class TicketCollaboration(
    TicketService tickets, TicketWriter writer, IUserStore users, CurrentUser me, RequestBudgets budgets, TimeProvider time)
{
    private Actor Caller => Actor.Of(me.User) with { Channel = me.Channel };

    /// <summary>
    /// <c>PUT /tickets/{id}/ccs</c>: replaces the CCs (the requester or staff; a CC is refused with 403 before the list is
    /// looked at); 400 naming <c>ccIds</c> for an account that is not active, the requester, or more than 20.
    /// </summary>
    public async Task<Result<Ticket>> SetCcsAsync(string idOrNumber, SetCcsRequest request, string? ifMatch, CancellationToken cancellationToken) =>
        (await writer.WriteAsync(ct => tickets.GetAsync(idOrNumber, ct), ifMatch, Caller, async ticket =>
        {
            // A CC (or anyone else who may not) hears the aggregate's 403 before anything about the accounts named is revealed.
            if (!TicketPermissions.MayChangeCcs(ticket, Caller)) return ticket.SetCcs(Caller, ticket.Ccs, time.GetUtcNow());
            var ccs = await TicketCcs.ResolveAsync(users, request.CcIds, ticket.Requester.Id, cancellationToken);
            return ccs.IsSuccess ? ticket.SetCcs(Caller, ccs.Value, time.GetUtcNow()) : ccs.Error!;
        }, cancellationToken)).Map(change => change.Ticket);

    /// <summary><c>PUT</c> (follow) and <c>DELETE</c> (unfollow) <c>/tickets/{id}/followers/me</c>: staff, idempotent.</summary>
    public async Task<Result<Ticket>> FollowAsync(string idOrNumber, bool follow, CancellationToken cancellationToken) =>
        (await writer.WriteAsync(ct => tickets.GetAsync(idOrNumber, ct), null, Caller,
            ticket => Task.FromResult(ticket.SetFollowing(Caller, follow, time.GetUtcNow())), cancellationToken)).Map(change => change.Ticket);

    /// <summary>
    /// <c>GET /people/lookup?email=</c>: the active account with exactly that address (id and name), else 404 — for the
    /// CC picker. Each look-up spends the caller's <see cref="RequestBudgets.Lookups"/> (429 beyond it), found or not.
    /// </summary>
    public async Task<Result<TicketPerson>> LookUpAsync(string? email, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email)) return Error.Field("email", FieldCodes.Required, "Required: the account's e-mail address.");
        if (email.Length > 254 || Text.Problem(email) is not null || !email.Contains('@', StringComparison.Ordinal))
            return Error.Field("email", FieldCodes.InvalidEmail, "Must be an e-mail address.");

        var spend = await budgets.SpendLookupAsync(me.Id, cancellationToken);
        if (!spend.Granted) return RequestBudgets.Exceeded(spend);

        var account = await users.FindByEmailAsync(Text.NormalizeEmail(email), cancellationToken);
        return account is { Active: true } ? new TicketPerson(account.Id, account.FullName) : Error.NotFound("person");
    }
}
