using Tickets.Common;
using Tickets.Tickets;

namespace Tickets.UnitTests.Tickets;

public sealed class TicketTagsTests
{
    [Fact]
    public void TagsAreStoredFoldedTrimmedAndWithoutRepeats()
    {
        var tags = new SetTagsRequest([" VPN ", "vpn", "Impresión", "Sala   2", "v1.2_x"]).Normalized();

        Assert.Equal(["vpn", "impresion", "sala 2", "v1.2_x"], tags.Value);
    }

    [Theory]
    [InlineData("a,b")]
    [InlineData("tab\there")]
    [InlineData("")]
    [InlineData("emoji 🙂")]
    [InlineData("42-characters-long-tag-is-one-too-many-xyz")]
    public void ABadTagIsRefusedNamingTags(string bad)
    {
        var refused = new SetTagsRequest(["ok", bad]).Normalized();

        Assert.Equal(["tags"], refused.Error!.Errors!.Keys);
    }

    [Fact]
    public void TwentyTagsPassAndTwentyOneAreTooMany()
    {
        Assert.True(new SetTagsRequest([.. Enumerable.Range(0, 20).Select(i => $"t{i}")]).Normalized().IsSuccess);
        Assert.Equal(FieldCodes.TooMany, new SetTagsRequest([.. Enumerable.Range(0, 21).Select(i => $"t{i}")]).Normalized().Error!.ErrorCodes!["tags"][0]);
    }

    [Fact]
    public void RequestersMayNotTagATicket()
    {
        var refused = Build.NewTicket().SetTags(Build.Requester, ["mia"], Build.Start);

        Assert.Equal(ErrorKind.Forbidden, refused.Error!.Kind);
    }

    [Fact]
    public void SettingTheSameTagsChangesNothingAndADifferentSetRecordsWhatWasAddedAndRemoved()
    {
        var tagged = Build.NewTicket().SetTags(Build.Technician, ["vpn", "red"], Build.Start).Value.Ticket;

        var same = tagged.SetTags(Build.Technician, ["red", "vpn"], Build.Start).Value;
        var changed = tagged.SetTags(Build.Technician, ["vpn", "wifi"], Build.Start).Value;

        Assert.Empty(same.Events);
        var data = changed.Events.Single().Data;
        Assert.Equal(TicketEventType.TagsChanged, changed.Events.Single().Type);
        Assert.Equal(["wifi"], data.GetProperty("added").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["red"], data.GetProperty("removed").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(tagged.Revision + 1, changed.Ticket.Revision);
    }
}
