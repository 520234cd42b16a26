using Microsoft.Extensions.Time.Testing;
using Tickets.Common;
using Tickets.Sla;
using Tickets.Stats;
using Tickets.Tickets;
using Tickets.Users;

namespace Tickets.ContractTests;

/// <summary>
/// Tickets in known SLA conditions, played through the aggregate in memory (24×7 defaults), and what a store must answer
/// about them. Stores write the final states their own way; the answers must be the same.
/// </summary>
public static class SlaScenes
{
    private static readonly Actor Requester = new("requester-1", "Úrsula Usuaria", Role.User, "Contabilidad");
    private static readonly Actor Technician = new("tech-1", "Tomás Técnico", Role.Technician, "Soporte");
    private static readonly Actor Admin = new("admin-1", "Ana Admin", Role.Admin, "Sistemas");

    private static int _number = 1000;

    private static Ticket Open(string title, string priority, TicketRules rules, FakeTimeProvider time) =>
        Ticket.Create(Guid.NewGuid().ToString("N"), Interlocked.Increment(ref _number), new CreateTicketRequest(title, "Descripción.", priority),
            Requester, rules, time.GetUtcNow()).Value.Ticket;

    /// <summary>
    /// One ticket per condition at the end (the clock's "now"): on track, at risk, breached by time, breached and finished,
    /// paused, met.
    /// </summary>
    public static IReadOnlyList<Ticket> EveryCondition(TicketRules rules, FakeTimeProvider time)
    {
        var resolvedLate = Open("Resuelto tarde", "high", rules, time);
        time.Advance(TimeSpan.FromHours(25));
        var overdue = Open("Vencido", "critical", rules, time);
        time.Advance(TimeSpan.FromMinutes(10));
        var atRisk = Open("En riesgo", "critical", rules, time);
        time.Advance(TimeSpan.FromMinutes(55)); // "Vencido" is 65 min old (due at 60), "En riesgo" 55 (warned at 45)
        var now = time.GetUtcNow();
        return
        [
            resolvedLate.Then(t => t.ChangeStatus(Admin, TicketStatus.Resolved, "Hecho.", rules, now)),
            overdue,
            atRisk,
            Open("En plazo", "low", rules, time),
            Open("En espera", "medium", rules, time)
                .Then(t => t.Assign(Admin, new Assignee(Technician.Id, Technician.Name), now))
                .Then(t => t.ChangeStatus(Technician, TicketStatus.InProgress, null, rules, now))
                .Then(t => t.ChangeStatus(Technician, TicketStatus.OnHold, null, rules, now)),
            Open("Cumplido", "medium", rules, time).Then(t => t.ChangeStatus(Admin, TicketStatus.Resolved, "Hecho.", rules, now)),
        ];
    }

    public static async Task AssertEveryConditionIsListedAsync(ITicketStore store, DateTimeOffset now)
    {
        async Task<IEnumerable<string>> Titles(DateTimeOffset asOf, params SlaCondition[] conditions) =>
            (await store.ListAsync(new TicketQuery { Sla = new SlaFilter(conditions, asOf), Page = new PageRequest(50, null, false) }))
            .Items.Select(t => t.Title).Order();

        Assert.Equal(["En plazo"], await Titles(now, SlaCondition.OnTrack));
        Assert.Equal(["En riesgo"], await Titles(now, SlaCondition.AtRisk));
        Assert.Equal(["Resuelto tarde", "Vencido"], await Titles(now, SlaCondition.Breached));
        Assert.Equal(["En espera"], await Titles(now, SlaCondition.Paused));
        Assert.Equal(["Cumplido"], await Titles(now, SlaCondition.Met));
        Assert.Equal(["En riesgo", "Resuelto tarde", "Vencido"], await Titles(now, SlaCondition.AtRisk, SlaCondition.Breached));
        Assert.Equal(["En riesgo", "Resuelto tarde", "Vencido"], await Titles(now.AddMinutes(10), SlaCondition.Breached));
    }

    /// <summary>At moments around every warning point and due time, each condition lists exactly the tickets the server shows in it.</summary>
    public static async Task AssertFilterAgreesWithEvaluateAsync(ITicketStore store, SlaPolicy policy, DateTimeOffset now)
    {
        var all = (await store.ListAsync(new TicketQuery { Page = new PageRequest(50, null, false) })).Items;
        foreach (var minutes in new[] { -20, 0, 5, 30, 18 * 60, 24 * 60, 24 * 60 + 1, 72 * 60 })
        {
            var asOf = now.AddMinutes(minutes);
            foreach (var condition in Enum.GetValues<SlaCondition>())
            {
                var listed = (await store.ListAsync(new TicketQuery { Sla = new SlaFilter([condition], asOf), Page = new PageRequest(50, null, false) })).Items;
                Assert.Equal(all.Where(t => policy.Evaluate(t, asOf).State == condition).Select(t => t.Title).Order(), listed.Select(t => t.Title).Order());
            }
        }
    }

    /// <summary>
    /// Critical: answered after 30 min (met), after 90 (late), not at all (overdue); low: answered after 10 min and resolved
    /// after 2 h. Three hours in, no resolution is due yet.
    /// </summary>
    public static IReadOnlyList<Ticket> FirstResponses(TicketRules rules, FakeTimeProvider time)
    {
        var start = time.GetUtcNow();
        var answered = Open("Crítico atendido", "critical", rules, time);
        var late = Open("Crítico tarde", "critical", rules, time);
        var untouched = Open("Crítico sin atender", "critical", rules, time);
        var low = Open("Bajo", "low", rules, time);
        time.Advance(TimeSpan.FromHours(3));
        return
        [
            answered.Then(t => t.AddComment(Technician, "c1", new CommentRequest("Voy."), rules, start.AddMinutes(30))),
            late.Then(t => t.AddComment(Technician, "c2", new CommentRequest("Perdón."), rules, start.AddMinutes(90))),
            untouched,
            low.Then(t => t.AddComment(Technician, "c3", new CommentRequest("Lo miro."), rules, start.AddMinutes(10)))
                .Then(t => t.ChangeStatus(Admin, TicketStatus.Resolved, "Hecho.", rules, start.AddMinutes(120))),
        ];
    }

    public static void AssertFirstResponseFigures(TicketStats stats)
    {
        Assert.Equal(new SlaFigures(1, 2, 33.3), stats.SlaByPriority["critical"]);
        Assert.Equal(new SlaFigures(2, 0, 100), stats.SlaByPriority["low"]);
        Assert.Equal(new SlaFigures(0, 0, null), stats.SlaByPriority["high"]);
        Assert.Equal(new SlaFigures(3, 2, 60), stats.Sla);
        Assert.Equal((30.0, 43.3), (stats.MedianMinutesToFirstResponse, stats.MeanMinutesToFirstResponse));
        Assert.Equal(120, stats.MeanMinutesToResolution);
        Assert.Equal(4, stats.ByPriority.Values.Sum());
    }
}
