using Tickets.Common;
using Tickets.Sla;
using Tickets.Users;

namespace Tickets.Tickets;

/// <summary>The raw query string of <c>GET /tickets</c>; <see cref="Parse"/> validates every parameter at once.</summary>
public sealed record TicketListParameters(
    [Query("status", Values = typeof(TicketStatus), List = true)] string? Status = null,
    [Query("priority", Values = typeof(Priority), List = true)] string? Priority = null,
    [Query("assigneeId", List = true, Description = "Assignee ids, `me` or `none` (unassigned).")] string? AssigneeId = null,
    [Query("requesterId", List = true, Description = "Requester ids or `me`.")] string? RequesterId = null,
    [Query("category", List = true)] string? Category = null,
    [Query("q", MaxLength = 200, Description = "Searches number, title and description, ignoring case and accents.")] string? Search = null,
    [Query("createdFrom", Type = QueryType.Instant, Description = "Created at or after (a date counts from its start).")] string? CreatedFrom = null,
    [Query("createdTo", Type = QueryType.Instant, Description = "Created at or before (a date counts to its end).")] string? CreatedTo = null,
    [Query("sort", ValuesFrom = nameof(TicketListParameters.Sorts), Default = "-createdAt", Description = "A leading '-' sorts descending; slaDue puts the most urgent first.")]
    string? Sort = null,
    [Query("limit", Type = QueryType.Integer, Minimum = 1, Maximum = PageRequest.MaxLimit, Default = "25", Description = "Items per page.")]
    string? Limit = null,
    [Query("cursor", Description = "The nextCursor of the previous page, with the same filters and sort (another cursor is a 400 naming it).")] string? Cursor = null,
    [Query("includeTotal", Type = QueryType.Boolean, Default = "false", Description = "Also count every match (total).")]
    string? IncludeTotal = null,
    [Query("sla", Values = typeof(SlaCondition), List = true, Description = "SLA conditions now: on_track, at_risk, breached, paused, met.")]
    string? Sla = null,
    [Query("teamId", List = true, Description = "Team ids, or `mine`: the teams the caller is a member of.")] string? TeamId = null,
    [Query("tag", MaxLength = TicketTags.MaxLength, Description = "Tickets with this tag (compared as stored: lower case, no accents). Staff only: a requester's is a 400.")]
    string? Tag = null,
    [Query("ccId", MaxLength = Ids.MaxLength, Description = "Tickets this account is copied on, or `me`. A user's list is then what they are copied on (a user may ask only for `me`).")]
    string? CcId = null,
    [Query("followerId", MaxLength = Ids.MaxLength, Description = "Tickets this member of staff follows, or `me`. Staff only: a requester's is a 400.")]
    string? FollowerId = null)
{
    /// <summary><c>teamId=mine</c> asks for the caller's teams (resolved by the caller of <see cref="Parse"/>).</summary>
    public bool AsksForMyTeams => List(TeamId).Any(t => t.Equals(MyTeams, StringComparison.OrdinalIgnoreCase));

    public const string MyTeams = "mine";

    public static IReadOnlyDictionary<string, TicketSort> Sorts { get; } = new Dictionary<string, TicketSort>(StringComparer.Ordinal)
    {
        ["createdAt"] = TicketSort.CreatedAt,
        ["-createdAt"] = TicketSort.CreatedAtDescending,
        ["updatedAt"] = TicketSort.UpdatedAt,
        ["-updatedAt"] = TicketSort.UpdatedAtDescending,
        ["priority"] = TicketSort.Priority,
        ["-priority"] = TicketSort.PriorityDescending,
        ["slaDue"] = TicketSort.SlaDue,
    };

    /// <param name="caller">Whose list: <c>me</c> and a user's scope resolve against it.</param>
    /// <param name="cursors">Opens the signed cursor handed out for <paramref name="list"/>.</param>
    /// <param name="list">The list the cursor must have been handed out for (narrowed to the filters by <see cref="TicketQuery.CursorListFor"/>).</param>
    /// <param name="now">The moment the SLA filter asks about (<c>at_risk</c> now, not when the ticket was written).</param>
    /// <param name="myTeams">The caller's teams, when <see cref="AsksForMyTeams"/>.</param>
    public Result<TicketQuery> Parse(User caller, SignedCursors cursors, string list, DateTimeOffset now, IReadOnlyList<string>? myTeams = null)
    {
        var v = new Validator();
        var statuses = Enums<TicketStatus>(v, "status", Status);
        var priorities = Enums<Priority>(v, "priority", Priority);
        var slaConditions = Enums<SlaCondition>(v, "sla", Sla);

        var assignees = new List<string>();
        var unassigned = false;
        foreach (var item in List(AssigneeId))
        {
            if (item.Equals("none", StringComparison.OrdinalIgnoreCase)) unassigned = true;
            else assignees.Add(item.Equals("me", StringComparison.OrdinalIgnoreCase) ? caller.Id : item);
        }

        var teamFilter = new List<string>();
        var teams = new List<string>();
        foreach (var item in List(TeamId))
        {
            if (item.Equals(MyTeams, StringComparison.OrdinalIgnoreCase))
            {
                teamFilter.Add(MyTeams);
                teams.AddRange(myTeams ?? []);
            }
            else if (Ids.IsWellFormed(item))
            {
                teamFilter.Add(item);
                teams.Add(item);
            }
            else
            {
                v.Add("teamId", FieldCodes.NotAllowed, $"'{item}' is not a team id or {MyTeams}.");
            }
        }

        var requesters = List(RequesterId).Select(r => r.Equals("me", StringComparison.OrdinalIgnoreCase) ? caller.Id : r).ToList();
        var from = Instants.Parse(v, "createdFrom", CreatedFrom, endOfDay: false);
        var to = Instants.Parse(v, "createdTo", CreatedTo, endOfDay: true);
        if (from > to) v.Add("createdTo", FieldCodes.InvalidRange, "Must not be before createdFrom.");

        var sort = TicketSort.CreatedAtDescending;
        if (!string.IsNullOrEmpty(Sort) && !Sorts.TryGetValue(Sort, out sort))
            v.Add("sort", FieldCodes.NotAllowed, $"Must be one of: {string.Join(", ", Sorts.Keys)}.");

        if (Search?.Length > 200) v.Add("q", FieldCodes.TooLong, "Must be at most 200 characters.");
        v.Characters("q", Search);
        foreach (var (field, value) in new[] { ("assigneeId", AssigneeId), ("requesterId", RequesterId), ("category", Category) })
            v.Characters(field, value);

        string? tag = null;
        if (Tag is not null)
        {
            tag = TicketTags.Normalize(Tag);
            // Tags are staff-internal: filtering by one would tell a requester which of their tickets carry it.
            if (!caller.IsStaff) v.Add("tag", FieldCodes.NotAllowed, "Only technicians and admins filter by tag.");
            else if (Text.Problem(Tag) is not null || !TicketTags.IsValid(tag))
                v.Add("tag", FieldCodes.InvalidCharacters, $"Must be 1 to {TicketTags.MaxLength} letters, digits, spaces, '-', '_' or '.'.");
        }

        var ccId = PersonFilter(v, "ccId", CcId, caller);
        if (ccId is not null && !caller.IsStaff && ccId != caller.Id)
            v.Add("ccId", FieldCodes.NotAllowed, "Users list only the tickets they are copied on: use me.");
        var followerId = PersonFilter(v, "followerId", FollowerId, caller);
        if (followerId is not null && !caller.IsStaff) v.Add("followerId", FieldCodes.NotAllowed, "Only technicians and admins follow tickets.");

        var query = new TicketQuery
        {
            Statuses = statuses,
            Priorities = priorities,
            AssigneeIds = assignees,
            Unassigned = unassigned,
            RequesterIds = requesters,
            // A user's list is their own requests, or (ccId=me) what they are copied on: never anyone else's.
            OnlyRequesterId = caller.IsStaff || ccId is not null ? null : caller.Id,
            CcId = ccId,
            FollowerId = followerId,
            Categories = List(Category).Select(c => c.ToLowerInvariant()).ToList(),
            TeamIds = teamFilter.Count == 0 ? null : teams.Distinct(StringComparer.Ordinal).ToList(),
            TeamFilter = teamFilter.Distinct(StringComparer.Ordinal).ToList(),
            Search = string.IsNullOrWhiteSpace(Search) ? null : Text.Fold(Search.Trim()),
            Tag = tag,
            CreatedFrom = from,
            CreatedTo = to,
            Sla = slaConditions.Count > 0 ? new SlaFilter(slaConditions, now) : null,
            Sort = sort,
            Page = PageRequest.Parse(v, Limit, Cursor, IncludeTotal),
        };

        // The cursor must come from this list under the same filters and sort (see TicketQuery.CursorListFor).
        query = query with { CursorList = query.CursorListFor(list) };
        var page = cursors.Open(v, query.CursorList, query.Page);
        if (page.Cursor is not null && !v.Has("cursor") && !v.Has("sort") && !TicketKeyset.IsCursorFor(page.Cursor, sort))
            v.Add("cursor", FieldCodes.InvalidCursor, "Is not a cursor from this list and sort.");
        if (v.ToError() is { } invalid) return invalid;

        return query with { Page = page };
    }

    /// <summary>An account filter: <c>me</c> (the caller) or a well-formed id; null when absent.</summary>
    private static string? PersonFilter(Validator v, string field, string? value, User caller)
    {
        if (value is null) return null;
        if (value.Equals("me", StringComparison.OrdinalIgnoreCase)) return caller.Id;
        if (Ids.IsWellFormed(value)) return value;
        v.Add(field, FieldCodes.NotAllowed, "Must be an account id or me.");
        return null;
    }

    private static List<string> List(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();

    private static List<TEnum> Enums<TEnum>(Validator v, string field, string? value) where TEnum : struct, Enum
    {
        var result = new List<TEnum>();
        foreach (var item in List(value))
        {
            if (Json.TryParseEnum<TEnum>(item, out var parsed)) result.Add(parsed);
            else v.Add(field, FieldCodes.NotAllowed, $"Unknown value '{item}': use {string.Join(", ", Enum.GetValues<TEnum>().Select(Json.EnumName))}.");
        }

        return result;
    }
}
