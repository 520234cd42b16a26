using Tickets.Common;
using Tickets.Notifications;

namespace Tickets.UnitTests.Notifications;

public sealed class ReaderTests
{
    [Theory]
    [InlineData("Europe/Madrid", true)]
    [InlineData("America/Argentina/Buenos_Aires", true)]
    [InlineData("UTC", true)]
    [InlineData("Mars/Olympus_Mons", false)]
    [InlineData("Romance Standard Time", false)]
    [InlineData("", false)]
    public void OnlyIanaZonesAreKnown(string id, bool known) => Assert.Equal(known, TimeZones.IsKnown(id));

    [Fact]
    public void APersonWithoutAZoneReadsInTheOrganisationsZone()
    {
        var reader = Reader.Of("en", null, "Europe/Madrid");

        Assert.Equal("7 Jul 2026, 10:00 (Europe/Madrid)", reader.DateTime(new DateTimeOffset(2026, 7, 7, 8, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void AnUnknownLanguageReadsAsSpanish() => Assert.Equal("es", Reader.Of("fr", "UTC", "Europe/Madrid").Language);
}
