using Tickets.Common;
using Tickets.Users;

namespace Tickets.Tickets;

/// <summary>
/// CCs: accounts the requester (or staff) copies on a ticket. Each is an active account other than the requester, named
/// once; a ticket has at most <see cref="MaxCount"/>. Checked here for both ways in (<c>ccIds</c> on a new ticket and
/// <c>PUT /tickets/{id}/ccs</c>), so both refuse alike, naming <c>ccIds</c>.
/// </summary>
public static class TicketCcs
{
    public const int MaxCount = 20;

    public const string Field = "ccIds";

    /// <summary>
    /// The accounts as the ticket holds them (id and full name, in the order given, repeats dropped), or the 400 naming
    /// <c>ccIds</c>: not a list, too many, an id that is not an active account, or the requester's own.
    /// </summary>
    public static async Task<Result<IReadOnlyList<TicketPerson>>> ResolveAsync(
        IUserStore users, IReadOnlyList<string?>? ids, string requesterId, CancellationToken cancellationToken)
    {
        if (ids is null) return Error.Field(Field, FieldCodes.Required, "Required: an array of account ids (empty to copy nobody).");
        var distinct = ids.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count > MaxCount) return Error.Field(Field, FieldCodes.TooMany, $"A ticket takes at most {MaxCount} CCs.");

        var people = new List<TicketPerson>();
        foreach (var id in distinct)
        {
            if (id == requesterId) return Error.Field(Field, FieldCodes.NotAllowed, "The requester is not copied on their own ticket.");
            var account = Ids.IsWellFormed(id) ? await users.FindByIdAsync(id, cancellationToken) : null;
            if (account is not { Active: true })
                return Error.Field(Field, FieldCodes.NotAllowed, $"'{Shorten(id)}' is not the id of an active account.");
            people.Add(new TicketPerson(account.Id, account.FullName));
        }

        return people;
    }

    private static string Shorten(string? id) =>
        id is null ? "null" : new string(id.Take(Ids.MaxLength + 1).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}

/// <summary><c>PUT /tickets/{id}/ccs</c>: the whole list of CCs (an empty array removes them all).</summary>
public sealed record SetCcsRequest(
    [property: System.ComponentModel.Description("Ids of active accounts to copy (not the requester); repeats are dropped; at most 20. Replaces the list.")]
    IReadOnlyList<string?>? CcIds);

/// <summary>The query string of <c>GET /people/lookup</c>.</summary>
public sealed record PersonLookupParameters(
    [Query("email", MaxLength = 254, Description = "The account's e-mail address, exactly (compared without case).")] string? Email = null);
