using Tickets.Common;
using Tickets.Tickets;

namespace Tickets.Users;

/// <summary>
/// <c>GET /staff?q=</c>: the active technicians and admins whose first or last names start with the words asked for
/// (ignoring case and accents), by last names, for mentioning them in a comment. Staff only (the route's gate). It reads
/// the role-and-active slice of the accounts through the store's own search, so its cost follows the staff, not the directory.
/// </summary>
public sealed class StaffDirectory(IUserStore users)
{
    public const int MaxResults = 20;
    public const int QueryMax = 100;

    /// <summary>Pages of the store's search read at most, before answering with what was found.</summary>
    private const int MaxPages = 5;

    private static readonly Role[] StaffRoles = [Role.Technician, Role.Admin];

    public async Task<Result<StaffCompletion>> SearchAsync(string? q, CancellationToken cancellationToken)
    {
        if (q is not null && (q.Length > QueryMax || Text.Problem(q) is not null))
            return Error.Field("q", FieldCodes.InvalidCharacters, $"Must be at most {QueryMax} characters of a name.");

        var words = Text.Fold(q).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var found = new List<TicketPerson>(MaxResults);
        string? cursor = null;
        for (var read = 0; read < MaxPages && found.Count < MaxResults; read++)
        {
            // The store narrows by its folded search text (names, e-mail, DNI, department: a superset); only names are matched here.
            var page = await users.ListAsync(
                new UserQuery(StaffRoles, Active: true, Department: null, Search: words.Length > 0 ? words[0] : null, new PageRequest(PageRequest.MaxLimit, cursor, false)),
                cancellationToken);
            found.AddRange(page.Items.Where(u => NameMatches(u, words)).Select(u => new TicketPerson(u.Id, u.FullName)).Take(MaxResults - found.Count));
            cursor = page.NextCursor;
            if (cursor is null) break;
        }

        return new StaffCompletion(found);
    }

    /// <summary>Every word asked for starts one of the words of the person's names.</summary>
    private static bool NameMatches(User user, string[] words)
    {
        var names = Text.Fold(user.FullName).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.All(w => names.Any(n => n.StartsWith(w, StringComparison.Ordinal)));
    }
}

/// <summary>The answer of <c>GET /staff</c>: at most <see cref="StaffDirectory.MaxResults"/> people, by last names.</summary>
public sealed record StaffCompletion(IReadOnlyList<TicketPerson> Items);

/// <summary>The query string of <c>GET /staff</c>.</summary>
public sealed record StaffParameters(
    [Query("q", MaxLength = StaffDirectory.QueryMax, Description = "The start of a first or last name (several words: each starts one), ignoring case and accents; empty: everyone, by last names.")]
    string? Q = null);
