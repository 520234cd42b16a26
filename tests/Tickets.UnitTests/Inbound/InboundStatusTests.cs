using Tickets.Inbound;

namespace Tickets.UnitTests.Inbound;

public sealed class InboundStatusTests
{
    [Fact]
    public void TheLastDayCountsTheRefusedInAllBesideEachReason()
    {
        var counts = InboundStatus.WithRefusedTotal(new Dictionary<string, int>
        {
            ["ticket"] = 3, ["comment"] = 5, ["auto_reply"] = 2, ["unknown_sender"] = 1, ["refused"] = 1,
        });

        Assert.Equal(
            new Dictionary<string, int> { ["ticket"] = 3, ["comment"] = 5, ["auto_reply"] = 2, ["unknown_sender"] = 1, ["refused"] = 4 },
            counts);
        Assert.Equal(0, InboundStatus.WithRefusedTotal(new Dictionary<string, int> { ["ticket"] = 1 })["refused"]);
    }
}
