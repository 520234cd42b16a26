using System.Text.Json;
using Tickets.Common;
using Tickets.Tickets.Bulk;

namespace Tickets.UnitTests.Tickets;

public sealed class BulkRequestTests
{
    private static BulkRequest Read(string json) => JsonSerializer.Deserialize<BulkRequest>(json, Json.Options)!;

    private static string[] BadFields(string json) => [.. Read(json).Validate().ToDictionary().Keys];

    [Fact]
    public void AnExplicitNullAssigneeUnassignsButAnAbsentOneIsRefused()
    {
        Assert.Empty(BadFields("""{ "ids": ["a"], "action": "assign", "assigneeId": null }"""));
        Assert.Equal(["assigneeId"], BadFields("""{ "ids": ["a"], "action": "assign" }"""));
    }

    [Fact]
    public void AnExplicitNullTeamTakesTicketsOutOfTeamsButAnAbsentOneIsRefused()
    {
        Assert.Empty(BadFields("""{ "ids": ["a"], "action": "team", "teamId": null }"""));
        Assert.Equal(["teamId"], BadFields("""{ "ids": ["a"], "action": "team" }"""));
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(100, true)]
    [InlineData(101, false)]
    public void OneToAHundredTickets(int count, bool valid)
    {
        var ids = string.Join(",", Enumerable.Range(0, count).Select(i => $"\"t{i}\""));
        Assert.Equal(valid, Read($$"""{ "ids": [{{ids}}], "action": "priority", "priority": "low" }""").Validate().IsValid);
    }

    [Fact]
    public void ATicketNamedTwiceIsRefusedWhateverItsCase() =>
        Assert.Equal(["ids"], BadFields("""{ "ids": ["TCK-000001", "tck-000001"], "action": "priority", "priority": "low" }"""));

    [Fact]
    public void OnlyTheChosenActionsFieldsAreChecked() =>
        Assert.Empty(BadFields("""{ "ids": ["a"], "action": "priority", "priority": "high", "status": "nonsense" }"""));

    [Fact]
    public void EveryBadFieldIsNamedAtOnce() =>
        Assert.Equal(["ids", "action"], BadFields("""{ "ids": [], "action": "delete" }"""));
}
