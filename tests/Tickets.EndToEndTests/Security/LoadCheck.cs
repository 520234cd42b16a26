using System.Collections.Concurrent;
using System.Text.Json;
using Tickets.EndToEndTests.Tickets;

namespace Tickets.EndToEndTests.Security;

/// <summary>What a check of the store after a load found.</summary>
/// <param name="TicketIds">The tickets the load's users have, read back.</param>
/// <param name="Comments">Their comments, read back.</param>
/// <param name="Events">Their history events, replayed.</param>
/// <param name="Problems">Everything that does not hold, one line each (empty when all is well).</param>
/// <param name="ExpectedNotifications">Per person of the cast, the ids of the in-app notifications the history says they are owed.</param>
public sealed record LoadFindings(
    IReadOnlySet<string> TicketIds,
    int Comments,
    int Events,
    IReadOnlyList<string> Problems,
    IReadOnlyDictionary<string, HashSet<string>> ExpectedNotifications)
{
    public int Tickets => TicketIds.Count;
}

/// <summary>
/// Reads back, through the API, everything a <see cref="WriteLoad"/> wrote: every acknowledged ticket and comment must be
/// there exactly once, every comment must have its history event, and each ticket's history, replayed from its
/// <c>created</c> event, must arrive at the ticket as it is (status, assignee, priority), each event starting where the
/// previous one left it.
/// </summary>
public static class LoadCheck
{
    /// <param name="exact">No request went unanswered, so the store holds exactly what was acknowledged; otherwise at least that.</param>
    public static async Task<LoadFindings> RunAsync(LoadCast cast, WriteLoad load, bool exact)
    {
        var problems = new ConcurrentQueue<string>();
        var acknowledged = load.Tickets.ToDictionary(t => t.Id);

        // Every ticket of the load's users, each listed once.
        var stored = new List<(string Id, Person Requester)>();
        foreach (var user in cast.Users)
        {
            var ids = await AllAsync(user.Client, "api/tickets?limit=100");
            foreach (var duplicate in ids.Select(t => t.Id()).GroupBy(id => id).Where(g => g.Count() > 1))
                problems.Enqueue($"ticket {duplicate.Key} listed {duplicate.Count()} times");
            stored.AddRange(ids.Select(t => t.Id()).Distinct().Select(id => (id, user)));
        }

        var storedIds = stored.Select(s => s.Id).ToHashSet();
        foreach (var missing in acknowledged.Keys.Where(id => !storedIds.Contains(id)))
            problems.Enqueue($"acknowledged ticket {missing} is missing");
        if (exact && stored.Count != acknowledged.Count)
            problems.Enqueue($"{stored.Count} tickets stored, {acknowledged.Count} acknowledged");

        var comments = 0;
        var events = 0;
        var expected = cast.Everyone.ToDictionary(p => p.Id, _ => new HashSet<string>());
        await Parallel.ForEachAsync(stored, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (entry, _) =>
        {
            var (c, e, owed) = await CheckTicketAsync(cast, entry.Id, acknowledged.GetValueOrDefault(entry.Id), exact, problems);
            Interlocked.Add(ref comments, c);
            Interlocked.Add(ref events, e);
            lock (expected)
            {
                foreach (var (person, notification) in owed) expected[person].Add(notification);
            }
        });

        return new LoadFindings(storedIds, comments, events, [.. problems], expected);
    }

    private static async Task<(int Comments, int Events, List<(string Person, string Notification)> Owed)> CheckTicketAsync(
        LoadCast cast, string id, LoadTicket? acknowledged, bool exact, ConcurrentQueue<string> problems)
    {
        var admin = cast.Admin.Client;
        var ticket = await admin.GetTicketAsync(id);
        var history = await AllAsync(admin, $"api/tickets/{id}/history?limit=100");
        var comments = await AllAsync(admin, $"api/tickets/{id}/comments?limit=100");
        var commentIds = comments.Select(c => c.Id()).ToList();
        void Problem(string what) => problems.Enqueue($"ticket {id}: {what}");

        foreach (var duplicate in commentIds.GroupBy(c => c).Where(g => g.Count() > 1)) Problem($"comment {duplicate.Key} listed {duplicate.Count()} times");
        // commentCount counts public comments (internal notes are staff-only).
        var publicComments = comments.Count(c => !c.GetProperty("internal").GetBoolean());
        if (ticket.GetProperty("commentCount").GetInt32() != publicComments)
            Problem($"commentCount {ticket.GetProperty("commentCount").GetInt32()} but {publicComments} public comments listed");
        if (acknowledged is not null)
        {
            foreach (var missing in acknowledged.Comments.Where(c => !commentIds.Contains(c))) Problem($"acknowledged comment {missing} is missing");
            if (exact && acknowledged.Comments.Count != commentIds.Count) Problem($"{commentIds.Count} comments stored, {acknowledged.Comments.Count} acknowledged");
        }

        // Replay: each event must start from the state the previous one left.
        var owed = new List<(string, string)>();
        if (history.Count == 0 || history[0].Str("type") != "created")
        {
            Problem($"history does not start with 'created' ({string.Join(",", history.Select(h => h.Str("type")))})");
            return (commentIds.Count, history.Count, owed);
        }

        var requesterId = ticket.GetProperty("requester").Str("id");
        var status = "open";
        string? assignee = null;
        var priority = history[0].GetProperty("data").Str("priority");
        var commented = new List<string>();
        var requestedMoves = 0;
        var admins = new[] { cast.Admin.Id };
        foreach (var e in history)
        {
            var data = e.GetProperty("data");
            var actor = e.GetProperty("actor").ValueKind == JsonValueKind.Null ? null : e.GetProperty("actor").Str("id");
            var eventId = e.Id();
            void Owe(IEnumerable<string?> recipients)
            {
                foreach (var r in recipients.OfType<string>().Where(r => r != actor).Distinct()) owed.Add((r, $"{eventId}-{r}"));
            }

            switch (e.Str("type"))
            {
                case "created":
                    if (assignee is null) Owe(admins);
                    break;
                case "status_changed":
                    if (data.Str("from") != status) Problem($"event {eventId} moves from {data.Str("from")} but the ticket was {status}");
                    status = data.Str("to");
                    var reason = data.GetProperty("reason").ValueKind == JsonValueKind.Null ? null : data.Str("reason");
                    if (reason is null) requestedMoves++;
                    var requesterMoved = actor == requesterId && (status == "closed" || data.Str("from") is "resolved" or "closed");
                    if (reason != "requester_commented") Owe([requesterId, requesterMoved ? assignee : null]);
                    break;
                case "assigned":
                    var before = Person(data, "before");
                    if (before != assignee) Problem($"event {eventId} reassigns from {before ?? "nobody"} but the assignee was {assignee ?? "nobody"}");
                    assignee = Person(data, "after");
                    Owe([assignee]);
                    break;
                case "priority_changed":
                    if (data.Str("before") != priority) Problem($"event {eventId} changes priority from {data.Str("before")} but it was {priority}");
                    priority = data.Str("after");
                    break;
                case "commented":
                    var commentId = data.Str("commentId");
                    commented.Add(commentId);
                    var comment = comments.FirstOrDefault(c => c.Id() == commentId);
                    if (comment.ValueKind == JsonValueKind.Undefined)
                    {
                        Problem($"event {eventId} tells of comment {commentId}, which is not there");
                        break;
                    }

                    var author = comment.GetProperty("author").Str("id");
                    if (comment.GetProperty("internal").GetBoolean()) Owe([assignee]);
                    else if (author == requesterId) Owe(assignee is null ? admins : [assignee]);
                    else Owe([requesterId, assignee]);
                    break;
                case "sla_started" or "sla_paused" or "sla_resumed" or "sla_met":
                    // The SLA clock's own record: it tells nobody and changes none of what is replayed here.
                    break;
                default:
                    Problem($"unexpected event {e.Str("type")} during a load");
                    break;
            }
        }

        foreach (var missing in commentIds.Except(commented)) Problem($"comment {missing} has no 'commented' event");
        foreach (var twice in commented.GroupBy(c => c).Where(g => g.Count() > 1)) Problem($"comment {twice.Key} has {twice.Count()} 'commented' events");
        var actual = (ticket.Str("status"), Person(ticket, "assignee"), ticket.Str("priority"));
        if (actual != (status, assignee, priority)) Problem($"is {actual} but its history ends at {(status, assignee, priority)}");
        if (acknowledged is not null && (exact ? requestedMoves != acknowledged.StatusChanges : requestedMoves < acknowledged.StatusChanges))
            Problem($"{acknowledged.StatusChanges} status changes acknowledged, {requestedMoves} in the history");
        return (commentIds.Count, history.Count, owed);
    }

    private static string? Person(JsonElement parent, string property) =>
        parent.GetProperty(property).ValueKind == JsonValueKind.Null ? null : parent.GetProperty(property).Str("id");

    /// <summary>Every item of a paged list, following <c>nextCursor</c>.</summary>
    public static async Task<List<JsonElement>> AllAsync(HttpClient client, string path)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var response = await client.GetAsync(path + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var page = await response.JsonAsync();
            items.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.Clone()));
            cursor = page.Str("nextCursor");
        }
        while (cursor is not null);
        return items;
    }
}
