using Tickets.Common;

namespace Tickets.UnitTests.Common;

public sealed class InstantsTests
{
    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("0001-01-01T00:00:00+14:00")]
    [InlineData("9999-12-31T23:59:59-14:00")]
    [InlineData("1969-12-31T23:59:59Z")]
    [InlineData("9000-01-01")]
    [InlineData("2026-02-30")]
    [InlineData("2026-03-02T24:00:00Z")]
    [InlineData("02/03/2026")]
    [InlineData("2 March 2026")]
    [InlineData("+2026-03-02")]
    [InlineData("2026-03-02T09:30:00+25:00")]
    [InlineData("2026-03-02T09:30:00.12345678Z")]
    public void DatesOutsideTheRangeOrNotIsoAreNamed(string value)
    {
        var v = new Validator();

        var parsed = Instants.Parse(v, "createdFrom", value, endOfDay: true);

        Assert.Null(parsed);
        Assert.Equal(["createdFrom"], v.ToDictionary().Keys);
    }

    [Fact]
    public void ADateIsTheWholeDay()
    {
        var v = new Validator();

        var from = Instants.Parse(v, "from", "2026-03-02", endOfDay: false);
        var to = Instants.Parse(v, "to", "2026-03-02", endOfDay: true);

        Assert.Equal(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero), from);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.Zero).AddTicks(-1), to);
    }

    [Fact]
    public void AnInstantWithAnOffsetIsTheSameMomentInUtc()
    {
        var parsed = Instants.Parse(new Validator(), "from", "2026-03-02T10:30:00+01:00", endOfDay: false);

        Assert.Equal(new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero), parsed);
        Assert.Equal(TimeSpan.Zero, parsed!.Value.Offset);
    }

    [Fact]
    public void TheLastDayOfTheRangeStillWorksAsAWholeDay() =>
        Assert.Equal(Instants.Latest.AddTicks(-1), Instants.Parse(new Validator(), "to", "8999-12-31", endOfDay: true));
}
