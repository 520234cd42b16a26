using Tickets.Common;
using Tickets.SavedViews;

namespace Tickets.UnitTests.Views;

public sealed class SavedViewQueryTests
{
    [Theory]
    [InlineData("?status=on_hold&q=vpn&sort=-createdAt", "status=on_hold&q=vpn&sort=-createdAt")]
    [InlineData("sort=-createdAt&q=vpn&status=on_hold", "status=on_hold&q=vpn&sort=-createdAt")]
    [InlineData("status=open&cursor=abc&limit=10", "status=open&limit=10")]
    [InlineData("status=open&status=on_hold", "status=open,on_hold")]
    [InlineData("status=open%2Con_hold&q=impresora+rota", "status=open,on_hold&q=impresora%20rota")]
    [InlineData("q=&status=open", "status=open")]
    [InlineData("", "")]
    public void AQueryIsKeptInTheListsParameterOrderWithoutCursorOrEmptyValues(string query, string normalised)
    {
        var read = SavedViewQuery.Read(new Validator(), query);

        Assert.Equal(normalised, read?.Text);
    }

    [Fact]
    public void AParameterTheListDoesNotKnowIsAProblemOfQuery()
    {
        var v = new Validator();

        Assert.Null(SavedViewQuery.Read(v, "status=open&colour=red"));
        Assert.Equal(["query"], v.ToDictionary().Keys);
    }

    [Fact]
    public void TheReadParametersAreTheListsOwn()
    {
        var read = SavedViewQuery.Read(new Validator(), "assigneeId=me&teamId=mine&sla=at_risk")!.Value;

        Assert.Equal(("me", "mine", "at_risk"), (read.Parameters.AssigneeId, read.Parameters.TeamId, read.Parameters.Sla));
    }

    [Fact]
    public void TheListsErrorsBecomeProblemsOfQueryNamingTheParameter()
    {
        var v = new Validator();
        var listError = new Validator().Add("status", FieldCodes.NotAllowed, "Unknown value 'lost'.").ToError()!;

        SavedViewQuery.AddListErrors(v, listError);

        Assert.Equal(["status: Unknown value 'lost'."], v.ToDictionary()["query"]);
        Assert.Equal([FieldCodes.NotAllowed], v.Codes()["query"]);
    }
}
