using System.Text;
using Tickets.Sla;
using Tickets.Tickets;
using Tickets.Tickets.Export;

namespace Tickets.UnitTests.Tickets.Export;

public sealed class TicketCsvTests
{
    [Theory]
    [InlineData("La impresora no imprime", "La impresora no imprime")]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData("100% caído", "100% caído")]
    [InlineData("a 'quoted' word", "a 'quoted' word")]
    public void PlainTextIsWrittenAsIs(string? value, string expected) => Assert.Equal(expected, TicketCsv.Cell(value));

    [Theory]
    [InlineData("Impresora, planta 2", "\"Impresora, planta 2\"")]
    [InlineData("Dice \"error\"", "\"Dice \"\"error\"\"\"")]
    [InlineData("línea 1\nlínea 2", "\"línea 1\nlínea 2\"")]
    [InlineData("línea 1\r\nlínea 2", "\"línea 1\r\nlínea 2\"")]
    [InlineData("\"", "\"\"\"\"")]
    public void FieldsWithCommaQuoteOrLineBreakAreQuotedWithQuotesDoubled(string value, string expected) =>
        Assert.Equal(expected, TicketCsv.Cell(value));

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+34 600 000 000", "'+34 600 000 000")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1:A2)", "'@SUM(A1:A2)")]
    [InlineData("\t=cmd", "'\t=cmd")]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    public void CellsASpreadsheetWouldRunAsAFormulaGetALeadingApostrophe(string value, string expected) =>
        Assert.Equal(expected, TicketCsv.Cell(value));

    [Fact]
    public void ACellStartingWithCarriageReturnIsNeutralisedAndQuoted() =>
        Assert.Equal("\"'\r=1\"", TicketCsv.Cell("\r=1"));

    [Theory]
    [InlineData("a=1")]
    [InlineData("TCK-000001")]
    [InlineData(" =1")]
    public void FormulaCharactersAfterTheFirstAreLeftAlone(string value) => Assert.Equal(value, TicketCsv.Cell(value));

    [Fact]
    public void ARecordSeparatesCellsWithCommasAndEndsWithCrLf()
    {
        var text = TicketCsv.AppendRecord(new StringBuilder(), ["a", null, "b,c", "=d"]).ToString();

        Assert.Equal("a,,\"b,c\",'=d\r\n", text);
    }

    [Fact]
    public void AnEnglishCallerGetsTheHeaderInEnglishAndASpanishOneInSpanish()
    {
        Assert.Equal("Number", TicketExportColumns.Header("en")[0]);
        Assert.Equal("Número", TicketExportColumns.Header("es")[0]);
    }

    [Fact]
    public void EveryRowHasAsManyCellsAsTheHeader()
    {
        var ticket = Build.NewTicket();

        Assert.Equal(TicketExportColumns.Header("es").Count, TicketExportColumns.Cells(ticket, Status(SlaCondition.OnTrack), "es").Count);
    }

    [Fact]
    public void ATicketsCellsAreItsApiValuesWithInstantsInUtc()
    {
        var ticket = Build.InStatus(TicketStatus.Closed) with
        {
            Team = new TicketTeam("team-1", "Soporte N1"),
            CreatedAt = new DateTimeOffset(2026, 3, 2, 10, 30, 5, TimeSpan.FromHours(1)),
        };

        var cells = TicketExportColumns.Cells(ticket, Status(SlaCondition.Met), "en");

        Assert.Equal(
            ["TCK-000001", "La impresora no imprime", "closed", "medium", null, "Soporte N1", "Úrsula Usuaria", "Contabilidad", "Tomás Técnico",
                "2026-03-02T09:30:05Z", TicketExportColumns.Instant(ticket.UpdatedAt), TicketExportColumns.Instant(ticket.Sla.FirstResponseDueAt),
                TicketExportColumns.Instant(ticket.Sla.ResolutionDueAt), "met", "no", "2026-03-02T09:00:00Z", "2026-03-02T09:00:00Z", null],
            cells);
    }

    [Fact]
    public void ATicketsTagsShareOneCellInTheirStoredOrder()
    {
        var ticket = Build.NewTicket() with { Tags = ["vpn", "red interna"] };

        var cells = TicketExportColumns.Cells(ticket, Status(SlaCondition.OnTrack), "en");

        Assert.Equal("Tags", TicketExportColumns.Header("en")[^1]);
        Assert.Equal("vpn, red interna", cells[^1]);
    }

    [Fact]
    public void ABreachedSlaSaysSoInTheCallersLanguage()
    {
        var ticket = Build.NewTicket();

        Assert.Equal("sí", TicketExportColumns.Cells(ticket, Status(SlaCondition.Breached), "es")[14]);
        Assert.Equal("yes", TicketExportColumns.Cells(ticket, Status(SlaCondition.Breached), "en")[14]);
    }

    [Fact]
    public void AFirstResponseBreachStaysBreachedAfterTheTicketIsResolved()
    {
        var ticket = Build.InStatus(TicketStatus.Resolved) with { Sla = Build.NewTicket().Sla with { FirstResponseBreached = true } };

        Assert.Equal("yes", TicketExportColumns.Cells(ticket, Status(SlaCondition.Met), "en")[14]);
    }

    private static SlaStatus Status(SlaCondition state) => new(state, SlaTargetKind.Resolution, Build.Start, Build.Start, null);
}
