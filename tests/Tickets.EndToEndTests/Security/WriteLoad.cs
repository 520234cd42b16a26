using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Tickets.EndToEndTests.Tickets;

namespace Tickets.EndToEndTests.Security;

/// <summary>Who takes part in a write load: one admin, technicians and users, each with a client of their own.</summary>
public sealed record LoadCast(Person Admin, IReadOnlyList<Person> Technicians, IReadOnlyList<Person> Users)
{
    public IEnumerable<Person> Everyone => [Admin, .. Technicians, .. Users];

    /// <summary>Makes the cast on a host: <paramref name="admin"/> (any admin) creates every account.</summary>
    public static async Task<LoadCast> CreateAsync(HttpClient admin, Func<string, string, Task<HttpClient>> signIn, int technicians, int users)
    {
        var loadAdmin = await People.NewPersonAsync(admin, "admin", signIn);
        var techs = await Task.WhenAll(Enumerable.Range(0, technicians).Select(_ => People.NewPersonAsync(admin, "technician", signIn)));
        var requesters = await Task.WhenAll(Enumerable.Range(0, users).Select(_ => People.NewPersonAsync(admin, "user", signIn)));
        return new LoadCast(loadAdmin, techs, requesters);
    }
}

/// <summary>What the load knows of one ticket it created: who asked, and which of its writes were acknowledged.</summary>
public sealed class LoadTicket(string id, Person requester)
{
    public string Id { get; } = id;

    public Person Requester { get; } = requester;

    /// <summary>Comments answered 201, by id.</summary>
    public ConcurrentBag<string> Comments { get; } = [];

    private int _statusChanges;

    /// <summary>Status changes asked for by a person and answered 200: each is a real move, so each is one history event.</summary>
    public int StatusChanges => Volatile.Read(ref _statusChanges);

    /// <summary>The ticket as the last answer showed it; other writers may have moved it since (their writes then get 403 or 409).</summary>
    public string Status { get; set; } = "open";

    public string? AssigneeId { get; set; }

    public void CountStatusChange() => Interlocked.Increment(ref _statusChanges);
}

/// <summary>
/// Concurrent clients creating tickets, commenting (public and internal), taking, assigning, moving and re-prioritising
/// them, for a bounded time, recording every answer: the statuses seen, and every acknowledged write with its id, for
/// <see cref="LoadCheck"/> to find afterwards. A request that gets no answer (the host was killed) is not acknowledged.
/// Each client waits <paramref name="pause"/> between its steps (none by default: as fast as the host answers).
/// </summary>
public sealed class WriteLoad(LoadCast cast, TimeSpan pause = default)
{
    /// <summary>Answers a well-formed load may get: success, or a refusal because another writer moved the ticket first.</summary>
    private static readonly int[] Expected = [200, 201, 403, 409];

    private readonly List<LoadTicket> _tickets = [];
    private readonly ConcurrentDictionary<int, int> _statuses = new();
    private readonly ConcurrentQueue<string> _unexpected = new();
    private long _requests;
    private long _acknowledged;
    private long _unanswered;

    /// <summary>The tickets whose creation was acknowledged.</summary>
    public IReadOnlyList<LoadTicket> Tickets
    {
        get
        {
            lock (_tickets) return [.. _tickets];
        }
    }

    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Writes answered 200 or 201.</summary>
    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>Requests that got no answer at all (only when the host dies under them).</summary>
    public long Unanswered => Interlocked.Read(ref _unanswered);

    public int ServerErrors => _statuses.Where(s => s.Key >= 500).Sum(s => s.Value);

    public IReadOnlyDictionary<int, int> Statuses => _statuses;

    /// <summary>Answers outside <see cref="Expected"/>, each with its request and body (the first 20).</summary>
    public IReadOnlyCollection<string> Unexpected => _unexpected;

    public long AcknowledgedComments => Tickets.Sum(t => (long)t.Comments.Count);

    public string StatusSummary => string.Join(", ", _statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} × {s.Value}"));

    /// <summary>Runs every client until <paramref name="stop"/> is cancelled.</summary>
    public Task RunAsync(CancellationToken stop) => Task.WhenAll(
    [
        Task.Run(() => LoopAsync(AdminStepAsync, 1, stop)),
        .. cast.Technicians.Select((t, i) => Task.Run(() => LoopAsync(random => TechnicianStepAsync(t, random), 100 + i, stop))),
        .. cast.Users.Select((u, i) => Task.Run(() => LoopAsync(random => UserStepAsync(u, random), 200 + i, stop))),
    ]);

    private async Task LoopAsync(Func<Random, Task> step, int seed, CancellationToken stop)
    {
        var random = new Random(seed);
        while (!stop.IsCancellationRequested)
        {
            await step(random);
            if (pause > TimeSpan.Zero) await Task.Delay(pause, CancellationToken.None);
        }
    }

    private async Task UserStepAsync(Person user, Random random)
    {
        var own = Pick(random, t => t.Requester == user);
        if (own is null || random.NextDouble() < 0.15)
        {
            var n = Interlocked.Increment(ref _created);
            string[] priorities = ["low", "medium", "high", "critical"];
            var body = await SendAsync(user, HttpMethod.Post, "api/tickets", new
            {
                title = $"Carga {n.ToString(CultureInfo.InvariantCulture)}: el equipo no arranca",
                description = "Creado por la prueba de carga.",
                priority = priorities[random.Next(priorities.Length)],
            });
            if (body is { } created)
            {
                lock (_tickets) _tickets.Add(new LoadTicket(created.Id(), user));
            }

            return;
        }

        if (own.Status == "resolved" && random.NextDouble() < 0.5)
            await MoveAsync(user, own, random.NextDouble() < 0.5 ? "closed" : "in_progress");
        else
            await CommentAsync(user, own, isInternal: false);
    }

    private long _created;

    private async Task TechnicianStepAsync(Person tech, Random random)
    {
        if (Pick(random, _ => true) is not { } ticket) return;
        if (ticket.AssigneeId is null && ticket.Status != "closed")
        {
            await AssignAsync(tech, ticket, tech.Id);
            return;
        }

        var roll = random.NextDouble();
        if (ticket.AssigneeId == tech.Id && roll < 0.5) await MoveAsync(tech, ticket, NextStatus(ticket.Status, random));
        else if (ticket.AssigneeId == tech.Id && roll < 0.6) await PrioritiseAsync(tech, ticket, random);
        else await CommentAsync(tech, ticket, isInternal: random.NextDouble() < 0.3);
    }

    private async Task AdminStepAsync(Random random)
    {
        if (Pick(random, _ => true) is not { } ticket)
        {
            await Task.Delay(20);
            return;
        }

        var roll = random.NextDouble();
        if (roll < 0.4)
        {
            // Mostly to a technician, sometimes back to nobody.
            var assignee = random.NextDouble() < 0.15 ? null : cast.Technicians[random.Next(cast.Technicians.Count)].Id;
            await AssignAsync(cast.Admin, ticket, assignee);
        }
        else if (roll < 0.7)
        {
            await MoveAsync(cast.Admin, ticket, ticket.Status switch
            {
                "closed" => "open",
                "resolved" => random.NextDouble() < 0.5 ? "closed" : "in_progress",
                var status => NextStatus(status, random),
            });
        }
        else if (roll < 0.85)
        {
            await PrioritiseAsync(cast.Admin, ticket, random);
        }
        else
        {
            await CommentAsync(cast.Admin, ticket, isInternal: random.NextDouble() < 0.5);
        }
    }

    private static string NextStatus(string status, Random random) => status switch
    {
        "open" => random.NextDouble() < 0.8 ? "in_progress" : "resolved",
        "in_progress" => random.NextDouble() < 0.5 ? "on_hold" : "resolved",
        "on_hold" => random.NextDouble() < 0.5 ? "in_progress" : "resolved",
        "resolved" => "in_progress",
        _ => "open",
    };

    private async Task AssignAsync(Person who, LoadTicket ticket, string? assigneeId)
    {
        if (await SendAsync(who, HttpMethod.Put, $"api/tickets/{ticket.Id}/assignee", new { assigneeId }) is { } body) Remember(ticket, body);
    }

    private async Task MoveAsync(Person who, LoadTicket ticket, string status)
    {
        var note = status == "resolved" ? "Resuelto durante la prueba de carga." : null;
        if (await SendAsync(who, HttpMethod.Put, $"api/tickets/{ticket.Id}/status", new { status, note }) is not { } body) return;
        ticket.CountStatusChange();
        Remember(ticket, body);
    }

    private async Task PrioritiseAsync(Person who, LoadTicket ticket, Random random)
    {
        string[] priorities = ["low", "medium", "high", "critical"];
        if (await SendAsync(who, HttpMethod.Patch, $"api/tickets/{ticket.Id}", new { priority = priorities[random.Next(priorities.Length)] }) is { } body)
            Remember(ticket, body);
    }

    private async Task CommentAsync(Person who, LoadTicket ticket, bool isInternal)
    {
        if (await SendAsync(who, HttpMethod.Post, $"api/tickets/{ticket.Id}/comments", new { body = "Comentario de la prueba de carga.", @internal = isInternal }) is { } comment)
            ticket.Comments.Add(comment.Id());
    }

    private static void Remember(LoadTicket ticket, JsonElement view)
    {
        ticket.Status = view.Str("status");
        ticket.AssigneeId = view.GetProperty("assignee").ValueKind == JsonValueKind.Null ? null : view.GetProperty("assignee").Str("id");
    }

    private LoadTicket? Pick(Random random, Func<LoadTicket, bool> where)
    {
        lock (_tickets)
        {
            // Only the newest tickets are picked, so tickets go through the whole status machine.
            var candidates = _tickets.Where(where).TakeLast(60).ToList();
            return candidates.Count == 0 ? null : candidates[random.Next(candidates.Count)];
        }
    }

    /// <summary>Sends one write; returns its answer's body when it was acknowledged (200 or 201).</summary>
    private async Task<JsonElement?> SendAsync(Person who, HttpMethod method, string path, object body)
    {
        Interlocked.Increment(ref _requests);
        HttpResponseMessage response;
        try
        {
            response = await who.Client.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) });
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            Interlocked.Increment(ref _unanswered);
            await Task.Delay(10);
            return null;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            _statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            if (!Expected.Contains(status) && _unexpected.Count < 20)
                _unexpected.Enqueue($"{method} {path} → {status}: {await response.Content.ReadAsStringAsync()}");
            if (status is not (200 or 201)) return null;
            try
            {
                var view = await response.JsonAsync();
                Interlocked.Increment(ref _acknowledged);
                return view;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or JsonException)
            {
                // The status line arrived and then the host died: the write may or may not be there; it was not acknowledged.
                Interlocked.Increment(ref _unanswered);
                return null;
            }
        }
    }

    /// <summary>How long a proof runs its load: <paramref name="seconds"/>, or <c>TICKETS_LOAD_SECONDS</c> for a longer local run.</summary>
    public static TimeSpan Duration(double seconds) =>
        TimeSpan.FromSeconds(double.TryParse(Environment.GetEnvironmentVariable("TICKETS_LOAD_SECONDS"), CultureInfo.InvariantCulture, out var s) && s > 0 ? s : seconds);
}
