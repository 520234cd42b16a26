using Microsoft.Extensions.Options;
using Tickets.Common;
using Tickets.Identity;
using Tickets.Tickets;
using Tickets.Users;

namespace Tickets.UnitTests.Tickets;

/// <summary>A ticket list cursor pages on only under the filters and sort it was handed out for.</summary>
public sealed class TicketListCursorTests
{
    private const string List = "tickets:tech";

    private static readonly SignedCursors Cursors = new(new ServerKeys(Options.Create(new JwtOptions
    {
        SigningKeys = [new SigningKeyOptions { Id = "k1", Key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()) }],
    })));

    private static readonly User Caller = new()
    {
        Id = "tech", Email = "tomas@example.org", Dni = "12345678", Phone = "600000000", FirstNames = "Tomás", LastNames = "Técnico",
        Department = "Soporte", Role = Role.Technician, Active = true, PasswordHash = "x", CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
    };

    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The cursor the list hands out after a first page asked with <paramref name="asked"/>.</summary>
    private static string CursorFor(TicketListParameters asked)
    {
        var query = asked.Parse(Caller, Cursors, List, Now).Value;
        return Cursors.Sign(query.CursorListFor(List), Cursor.Encode(["created_at_descending", "638000000000000000", "abc"]))!;
    }

    private static Result<TicketQuery> Next(TicketListParameters asked, string cursor) =>
        (asked with { Cursor = cursor }).Parse(Caller, Cursors, List, Now);

    public static TheoryData<string, TicketListParameters> OtherFilters() => new()
    {
        { "another status", new TicketListParameters(Status: "closed") },
        { "a status more", new TicketListParameters(Status: "open,closed") },
        { "no status", new TicketListParameters() },
        { "a priority", new TicketListParameters(Status: "open", Priority: "high") },
        { "an assignee", new TicketListParameters(Status: "open", AssigneeId: "me") },
        { "unassigned", new TicketListParameters(Status: "open", AssigneeId: "none") },
        { "a requester", new TicketListParameters(Status: "open", RequesterId: "u1") },
        { "a category", new TicketListParameters(Status: "open", Category: "impresoras") },
        { "a search", new TicketListParameters(Status: "open", Search: "impresora") },
        { "a start", new TicketListParameters(Status: "open", CreatedFrom: "2026-01-01") },
        { "an end", new TicketListParameters(Status: "open", CreatedTo: "2026-01-01") },
        { "an SLA condition", new TicketListParameters(Status: "open", Sla: "breached") },
    };

    [Theory]
    [MemberData(nameof(OtherFilters))]
    public void ACursorUsedWithOtherFiltersIsRefusedNamingTheCursor(string what, TicketListParameters other)
    {
        var cursor = CursorFor(new TicketListParameters(Status: "open"));

        var next = Next(other, cursor);

        Assert.False(next.IsSuccess, what);
        Assert.Equal(["cursor"], next.Error!.Errors!.Keys);
    }

    [Fact]
    public void ACursorUsedWithTheSameFiltersInAnotherOrderAndCasePagesOn()
    {
        var cursor = CursorFor(new TicketListParameters(Status: "open,in_progress", Category: "Impresoras,red", Search: "Impresión", Limit: "10"));

        var next = Next(new TicketListParameters(Status: "in_progress,open,open", Category: "red,impresoras", Search: "IMPRESION ", Limit: "50", IncludeTotal: "true"), cursor);

        Assert.True(next.IsSuccess);
        Assert.NotNull(next.Value.Page.Cursor);
    }

    [Fact]
    public void ACursorUsedWithAnotherSortIsRefused() =>
        Assert.Equal(["cursor"], Next(new TicketListParameters(Sort: "createdAt"), CursorFor(new TicketListParameters())).Error!.Errors!.Keys);
}
