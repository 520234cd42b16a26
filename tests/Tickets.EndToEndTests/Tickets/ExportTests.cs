using System.Net.Http.Json;
using System.Text;

namespace Tickets.EndToEndTests.Tickets;

/// <summary>The ticket world on a host whose exports stop at <see cref="MaxRows"/> tickets.</summary>
public sealed class ExportWorld : IAsyncLifetime
{
    public const int MaxRows = 6;

    public TicketWorld World { get; } = new();

    public async Task InitializeAsync()
    {
        World.Host.Settings["Tickets:Export:MaxRows"] = MaxRows.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await World.InitializeAsync();
    }

    public Task DisposeAsync() => World.DisposeAsync();
}

public sealed class ExportTests(ExportWorld export) : IClassFixture<ExportWorld>
{
    private TicketWorld World => export.World;

    [Fact]
    public async Task TheExportIsAUtf8CsvAttachmentWithABomAndTheHeaderInTheCallersLanguage()
    {
        var marker = Marker();
        await World.User.CreateTicketAsync($"{marker} impresora");

        using var response = await World.Technician.GetAsync($"api/tickets/export.csv?q={marker}");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Matches(@"^""?tickets-\d{8}-\d{4}\.csv""?$", response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.StartsWith("Número,Título,Estado,Prioridad,", Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
    }

    [Fact]
    public async Task AnEnglishSpeakingAgentGetsTheHeaderInEnglish()
    {
        Assert.Equal(200, (int)(await World.OtherTechnician.PatchAsJsonAsync("api/me", new { language = "en" })).StatusCode);

        var lines = Lines(await World.OtherTechnician.GetStringAsync($"api/tickets/export.csv?q={Marker()}"));

        Assert.StartsWith("Number,Title,Status,Priority,", lines[0]);
    }

    [Fact]
    public async Task EveryTicketOfAFilterSpanningSeveralPagesIsOneLine()
    {
        var marker = Marker();
        var numbers = new List<string>();
        for (var i = 0; i < 5; i++) numbers.Add((await World.User.CreateTicketAsync($"{marker} equipo {i}")).Str("number"));

        var lines = Lines(await World.Technician.GetStringAsync($"api/tickets/export.csv?q={marker}&limit=2&sort=createdAt"));

        Assert.Equal(6, lines.Count);
        Assert.Equal(numbers, lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.All(lines.Skip(1), l => Assert.Contains(",open,medium,", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATitleThatLooksLikeAFormulaIsNeutralised()
    {
        var marker = Marker();
        await World.User.CreateTicketAsync($"=HYPERLINK(\"http://evil\") {marker}");

        var lines = Lines(await World.Technician.GetStringAsync($"api/tickets/export.csv?q={marker}"));

        Assert.Contains($",\"'=HYPERLINK(\"\"http://evil\"\") {marker}\",", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommasAndQuotesAreQuotedAndLinesEndWithCrLf()
    {
        var marker = Marker();
        await World.User.CreateTicketAsync($"{marker}, dice \"sin red\"");

        var text = await World.Technician.GetStringAsync($"api/tickets/export.csv?q={marker}");

        Assert.Contains($",\"{marker}, dice \"\"sin red\"\"\",", text, StringComparison.Ordinal);
        Assert.Equal(2, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain('\n', text.Replace("\r\n", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnExportBeyondTheCapEndsWithALineSayingItWasCut()
    {
        var marker = Marker();
        for (var i = 0; i < ExportWorld.MaxRows + 2; i++) await World.User.CreateTicketAsync($"{marker} monitor {i}");

        var lines = Lines(await World.Technician.GetStringAsync($"api/tickets/export.csv?q={marker}&limit=4"));

        Assert.Equal(1 + ExportWorld.MaxRows + 1, lines.Count);
        Assert.StartsWith($"# Exportación cortada en {ExportWorld.MaxRows} tickets", lines[^1]);
    }

    [Fact]
    public async Task AnExportUpToTheCapIsNotCut()
    {
        var marker = Marker();
        for (var i = 0; i < ExportWorld.MaxRows; i++) await World.User.CreateTicketAsync($"{marker} ratón {i}");

        var lines = Lines(await World.Technician.GetStringAsync($"api/tickets/export.csv?q={marker}&limit=3"));

        Assert.Equal(1 + ExportWorld.MaxRows, lines.Count);
        Assert.DoesNotContain(lines, l => l.StartsWith('#'));
    }

    [Fact]
    public async Task ARequesterIsRefused()
    {
        using var response = await World.User.GetAsync("api/tickets/export.csv");

        await response.ProblemAsync(403);
    }

    [Theory]
    [InlineData("status=lost", "status")]
    [InlineData("limit=0", "limit")]
    [InlineData("sort=title", "sort")]
    [InlineData("cursor=forged", "cursor")]
    public async Task ABadFilterIsTheListsOwn400(string query, string field)
    {
        using var export = await World.Technician.GetAsync($"api/tickets/export.csv?{query}");
        using var list = await World.Technician.GetAsync($"api/tickets?{query}");

        var refused = (await export.ProblemAsync(400)).FieldErrors();

        Assert.Equal([field], refused);
        Assert.Equal((await list.ProblemAsync(400)).FieldErrors(), refused);
    }

    private static string Marker() => "exp" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>The records of a file whose cells hold no line breaks, without the BOM.</summary>
    private static List<string> Lines(string csv) => [.. csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries)];
}
