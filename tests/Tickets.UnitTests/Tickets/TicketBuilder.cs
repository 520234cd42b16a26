using Microsoft.Extensions.Options;
using Moq;
using Tickets.Administration;
using Tickets.Common;
using Tickets.Sla;
using Tickets.Sla.Policies;
using Tickets.Tickets;
using Tickets.Users;

namespace Tickets.UnitTests.Tickets;

/// <summary>People and tickets for domain tests.</summary>
internal static class Build
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static readonly Actor Requester = new("u-requester", "Úrsula Usuaria", Role.User, "Contabilidad");
    public static readonly Actor OtherUser = new("u-other", "Otro Usuario", Role.User, "Ventas");
    public static readonly Actor Technician = new("t-assignee", "Tomás Técnico", Role.Technician, "Soporte");
    public static readonly Actor OtherTechnician = new("t-other", "Teresa Técnica", Role.Technician, "Soporte");
    public static readonly Actor Admin = new("a-admin", "Ana Administradora", Role.Admin, "Sistemas");

    public static TicketRules Rules(SlaOptions? sla = null, TicketOptions? options = null) =>
        new(Options.Create(options ?? new TicketOptions()), new SlaPolicy(Options.Create(sla ?? new SlaOptions())));

    /// <summary>SLA policies over a store that holds none yet: every ticket runs on the settings' policy of <paramref name="rules"/>.</summary>
    public static SlaPolicies Policies(TicketRules rules, TimeProvider time)
    {
        var store = new Mock<ISlaPolicyStore>();
        store.Setup(s => s.ListPoliciesAsync(It.IsAny<CancellationToken>())).ReturnsAsync([]);
        return new SlaPolicies(store.Object, new StoreCache<SlaPolicyCatalog>(time, Options.Create(new AdministrationOptions())), rules.Sla,
            Options.Create(new SlaOptions()));
    }

    public static Ticket NewTicket(string priority = "medium", DateTimeOffset? at = null, TicketRules? rules = null) =>
        Ticket.Create("ticket-1", 1, new CreateTicketRequest("La impresora no imprime", "Atasco de papel.", priority), Requester,
            rules ?? Rules(), at ?? Start).Value.Ticket;

    /// <summary>A ticket in <paramref name="status"/>, assigned to <see cref="Technician"/> unless <paramref name="assigned"/> is false.</summary>
    public static Ticket InStatus(TicketStatus status, bool assigned = true) =>
        NewTicket() with
        {
            Status = status,
            Assignee = assigned ? new Assignee(Technician.Id, Technician.Name) : null,
            ResolvedAt = status is TicketStatus.Resolved or TicketStatus.Closed ? Start : null,
            ClosedAt = status == TicketStatus.Closed ? Start : null,
        };

    public static T Ok<T>(this Result<T> result) =>
        result.IsSuccess ? result.Value : throw new Xunit.Sdk.XunitException($"Expected success, got {result.Error!.Code}: {result.Error.Detail}");
}
