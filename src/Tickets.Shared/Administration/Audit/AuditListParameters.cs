using System.Text.RegularExpressions;
using Tickets.Common;

namespace Tickets.Administration.Audit;

/// <summary>The raw query string of <c>GET /audit</c>; <see cref="Parse"/> validates every parameter at once.</summary>
public sealed partial record AuditListParameters(
    [Query("actor", Description = "Only changes made by this account (its id).")] string? Actor = null,
    [Query("action", List = true, Description = "Actions such as `user.role_changed` or `team.created`; comma-separated.")] string? Action = null,
    [Query("targetType", List = true, ValuesFrom = nameof(AuditListParameters.TargetTypes), Description = "What was changed; comma-separated.")]
    string? TargetType = null,
    [Query("targetId", Description = "Only changes of this user, team, category, policy or calendar (its id).")] string? TargetId = null,
    [Query("from", Type = QueryType.Instant, Description = "Made at or after (a date counts from its start).")] string? From = null,
    [Query("to", Type = QueryType.Instant, Description = "Made at or before (a date counts to its end).")] string? To = null,
    [Query("limit", Type = QueryType.Integer, Minimum = 1, Maximum = PageRequest.MaxLimit, Default = "25", Description = "Items per page.")]
    string? Limit = null,
    [Query("cursor", Description = "The nextCursor of the previous page, with the same filters (another cursor is a 400 naming it).")]
    string? Cursor = null)
{
    public static IReadOnlyList<string> TargetTypes => AuditTargets.All;

    /// <summary>The filters, or a 400 naming each bad parameter. <paramref name="list"/> is the cursor's list, narrowed here to the filters.</summary>
    public Result<(AuditQuery Query, string List)> Parse(SignedCursors cursors, string list)
    {
        var v = new Validator();
        var actions = Items(Action).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var action in actions.Where(a => a.Length > 64 || !ActionShape().IsMatch(a) || !AuditTargets.All.Contains(a[..a.IndexOf('.')])))
            v.Add("action", FieldCodes.NotAllowed, $"Unknown action '{Shorten(action)}': actions read <targetType>.<verb>, e.g. user.role_changed.");

        var targetTypes = Items(TargetType).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var type in targetTypes.Where(t => !AuditTargets.All.Contains(t)))
            v.Add("targetType", FieldCodes.NotAllowed, $"Unknown target type '{Shorten(type)}': use one of {string.Join(", ", AuditTargets.All)}.");

        var actor = Id(v, "actor", Actor);
        var targetId = Id(v, "targetId", TargetId);
        var from = Instants.Parse(v, "from", From, endOfDay: false);
        var to = Instants.Parse(v, "to", To, endOfDay: true);
        if (from > to) v.Add("to", FieldCodes.InvalidRange, "Must not be before from.");

        var filtered = SignedCursors.Filtered(list, actor, actions, targetTypes, targetId, from, to);
        var page = cursors.Open(v, filtered, PageRequest.Parse(v, Limit, Cursor, includeTotal: null));
        if (page.Cursor is not null && !v.Has("cursor") && !AuditQuery.TryReadKey(page.Cursor, out _, out _))
            v.Add("cursor", FieldCodes.InvalidCursor, "Is not a cursor from this list.");
        if (v.ToError() is { } invalid) return invalid;

        return (new AuditQuery(actor, actions, targetTypes, targetId, from, to, page), filtered);
    }

    private static IEnumerable<string> Items(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Ids of every kind (user ids, slugs, kind-prefixed ids): printable, without spaces, at most 100 characters.</summary>
    private static string? Id(Validator v, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var id = value.Trim();
        if (id.Length > 100) v.Add(field, FieldCodes.TooLong, "Must be at most 100 characters.");
        else if (!IdShape().IsMatch(id)) v.Add(field, FieldCodes.InvalidCharacters, "Must be an id: letters, digits and - _ . : only.");
        return id;
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    [GeneratedRegex("^[a-zA-Z]+\\.[a-zA-Z_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ActionShape();

    [GeneratedRegex("^[A-Za-z0-9._:-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IdShape();
}
