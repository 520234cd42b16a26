using System.Buffers.Text;
using System.Net.Http.Json;
using System.Text;
using Tickets.EndToEndTests.Tickets;

namespace Tickets.EndToEndTests.Security;

/// <summary>
/// The inputs that once reached an unguarded parse: tampered cursors, dates at the ends of the calendar, characters that
/// break Unicode normalisation. Each is a 400 naming the parameter or field, and nothing is stored or reserved.
/// </summary>
public sealed class HostileInputTests(TicketWorld world) : IClassFixture<TicketWorld>
{
    /// <summary>Cursors a client could make: wrong types, wrong shapes, someone else's, or a real one altered.</summary>
    private static IEnumerable<string> Tampered(string real)
    {
        static string B64(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
        var inner = real[..real.LastIndexOf('.')];
        var mac = real[(real.LastIndexOf('.') + 1)..];
        return
        [
            B64("""[1, 2, 3]"""),
            B64("""["created_at_descending", "x", "y"]"""),
            B64("""["created_at_descending", "99999999999999999999999", "id"]"""),
            B64("""{"a": 1}"""),
            B64("""[null, null]"""),
            "not base64 at all!",
            inner,
            inner + "." + B64("""["created_at_descending","1","a"]"""),
            B64("""["created_at_descending","-1","a"]""") + "." + mac,
            inner + "." + (mac[0] == 'A' ? "B" : "A") + mac[1..],
            inner + "x." + mac,
            real + real,
            new string('A', 5000),
        ];
    }

    private async Task AssertCursorRefusedAsync(HttpClient client, string path, string real)
    {
        foreach (var cursor in Tampered(real))
        {
            var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            var response = await client.GetAsync($"{path}{separator}cursor={Uri.EscapeDataString(cursor)}");
            Assert.Equal(["cursor"], (await response.ProblemAsync(400)).FieldErrors());
        }
    }

    private static async Task<string> NextCursorAsync(HttpClient client, string path)
    {
        var page = await (await client.GetAsync(path)).JsonAsync();
        return page.Str("nextCursor") ?? throw new InvalidOperationException($"{path} has a single page.");
    }

    [Fact]
    public async Task TamperedTicketListCursorsAreRefusedNamingTheCursor()
    {
        for (var i = 0; i < 3; i++) await world.User.CreateTicketAsync();

        await AssertCursorRefusedAsync(world.User, "api/tickets?limit=1", await NextCursorAsync(world.User, "api/tickets?limit=1"));
        await AssertCursorRefusedAsync(world.Admin, "api/tickets?limit=1&sort=priority", await NextCursorAsync(world.Admin, "api/tickets?limit=1&sort=priority"));
    }

    [Fact]
    public async Task ACursorHandedToOneCallerOrListIsRefusedForAnother()
    {
        for (var i = 0; i < 2; i++) await world.User.CreateTicketAsync();
        var ticket = (await world.User.CreateTicketAsync()).Id();
        for (var i = 0; i < 2; i++) await world.User.CommentAsync(ticket, "Comentario " + i);
        var mine = await NextCursorAsync(world.User, "api/tickets?limit=1");
        var comments = await NextCursorAsync(world.User, $"api/tickets/{ticket}/comments?limit=1");

        Assert.Equal(["cursor"], (await (await world.OtherUser.GetAsync($"api/tickets?limit=1&cursor={Uri.EscapeDataString(mine)}")).ProblemAsync(400)).FieldErrors());
        Assert.Equal(["cursor"], (await (await world.User.GetAsync($"api/tickets/{ticket}/history?limit=1&cursor={Uri.EscapeDataString(comments)}")).ProblemAsync(400)).FieldErrors());
        var another = (await world.User.CreateTicketAsync()).Id();
        Assert.Equal(["cursor"], (await (await world.User.GetAsync($"api/tickets/{another}/comments?limit=1&cursor={Uri.EscapeDataString(comments)}")).ProblemAsync(400)).FieldErrors());
    }

    [Fact]
    public async Task ACursorUsedWithOtherFiltersOrSortIsRefusedAndTheSameFiltersStillPageOn()
    {
        for (var i = 0; i < 3; i++) await world.User.CreateTicketAsync();
        var open = await NextCursorAsync(world.User, "api/tickets?limit=1&status=open,in_progress");
        var escaped = Uri.EscapeDataString(open);

        foreach (var other in new[] { "status=open", "status=open,in_progress&priority=high", "status=open,in_progress&q=impresora", "status=open,in_progress&sort=-updatedAt" })
            Assert.Equal(["cursor"], (await (await world.User.GetAsync($"api/tickets?limit=1&{other}&cursor={escaped}")).ProblemAsync(400)).FieldErrors());
        var same = await world.User.GetAsync($"api/tickets?limit=2&status=in_progress,open&cursor={escaped}");
        Assert.Equal(2, (await same.JsonAsync()).GetProperty("items").GetArrayLength());

        var admins = await NextCursorAsync(world.Admin, "api/users?limit=1&active=true");
        Assert.Equal(["cursor"], (await (await world.Admin.GetAsync($"api/users?limit=1&active=false&cursor={Uri.EscapeDataString(admins)}")).ProblemAsync(400)).FieldErrors());
        Assert.Equal(200, (int)(await world.Admin.GetAsync($"api/users?limit=1&active=true&cursor={Uri.EscapeDataString(admins)}")).StatusCode);
    }

    [Fact]
    public async Task TamperedHistoryAndCommentCursorsAreRefusedNamingTheCursor()
    {
        var ticket = (await world.User.CreateTicketAsync()).Id();
        for (var i = 0; i < 3; i++) await world.User.CommentAsync(ticket, "Comentario " + i);

        await AssertCursorRefusedAsync(world.User, $"api/tickets/{ticket}/comments?limit=1", await NextCursorAsync(world.User, $"api/tickets/{ticket}/comments?limit=1"));
        await AssertCursorRefusedAsync(world.User, $"api/tickets/{ticket}/history?limit=1", await NextCursorAsync(world.User, $"api/tickets/{ticket}/history?limit=1"));
    }

    [Fact]
    public async Task TamperedUserListCursorsAreRefusedNamingTheCursor() =>
        await AssertCursorRefusedAsync(world.Admin, "api/users?limit=1", await NextCursorAsync(world.Admin, "api/users?limit=1"));

    [Fact]
    public async Task ARealCursorStillPagesOn()
    {
        for (var i = 0; i < 3; i++) await world.User.CreateTicketAsync();
        var cursor = await NextCursorAsync(world.User, "api/tickets?limit=1");

        var next = await world.User.GetAsync($"api/tickets?limit=1&cursor={Uri.EscapeDataString(cursor)}");

        Assert.Single((await next.JsonAsync()).GetProperty("items").EnumerateArray());
    }

    public static TheoryData<string, string> EdgeDates() => new()
    {
        { "createdFrom", "0001-01-01" },
        { "createdTo", "9999-12-31" },
        { "createdTo", "9999-12-31T23:59:59Z" },
        { "createdFrom", "0001-01-01T00:00:00+14:00" },
        { "createdTo", "9999-12-31T23:59:59-14:00" },
        { "createdFrom", "1969-12-31" },
        { "createdFrom", "2026-02-30" },
        { "createdFrom", "2026-13-01" },
        { "createdFrom", "01/02/2026" },
        { "createdFrom", "Tuesday" },
        { "createdFrom", "2026-03-02T25:00:00Z" },
        { "createdTo", "+002026-03-02" },
        { "createdFrom", "٢٠٢٦-٠٣-٠٢" },
    };

    [Theory]
    [MemberData(nameof(EdgeDates))]
    public async Task DatesAtTheEndsOfTheCalendarOrNotIsoAreRefusedByTheListNamingThem(string parameter, string value)
    {
        var response = await world.Technician.GetAsync($"api/tickets?{parameter}={Uri.EscapeDataString(value)}");

        Assert.Equal([parameter], (await response.ProblemAsync(400)).FieldErrors());
    }

    [Theory]
    [MemberData(nameof(EdgeDates))]
    public async Task DatesAtTheEndsOfTheCalendarOrNotIsoAreRefusedByTheStatsNamingThem(string parameter, string value)
    {
        var name = parameter == "createdFrom" ? "from" : "to";

        var response = await world.Technician.GetAsync($"api/stats?{name}={Uri.EscapeDataString(value)}");

        Assert.Equal([name], (await response.ProblemAsync(400)).FieldErrors());
    }

    [Fact]
    public async Task DatesInsideTheRangeWorkForListAndStats()
    {
        Assert.Equal(200, (int)(await world.Technician.GetAsync("api/tickets?createdFrom=1970-01-01&createdTo=8999-12-31")).StatusCode);
        Assert.Equal(200, (int)(await world.Technician.GetAsync("api/stats?from=2026-01-01T00:00:00%2B01:00&to=2026-03-01")).StatusCode);
    }

    public static TheoryData<string, string> UnprintableText() => new()
    {
        { "noncharacter U+FFFE", "Impresora \uFFFE rota" },
        { "noncharacter U+FDD0", "Impresora \uFDD0 rota" },
        { "noncharacter U+10FFFF", "Impresora \U0010FFFF rota" },
        { "control character", "Impresora \u0007 rota" },
        { "escape", "Impresora \u001B[31m rota" },
        { "null", "Impresora \0 rota" },
        { "line break in a title", "Impresora\nrota" },
        { "right-to-left override", "invoice \u202Egnp.exe" },
        { "right-to-left isolate", "Impresora \u2067rota\u2069" },
        { "right-to-left mark", "Impresora \u200Frota" },
        { "line separator", "Impresora\u2028rota" },
        { "zero-width space", "Impre\u200Bsora rota" },
        { "byte order mark", "\uFEFFImpresora rota" },
    };

    [Theory]
    [MemberData(nameof(UnprintableText))]
    public async Task UnprintableTitleIsRefusedAndUsesUpNoTicketNumber(string what, string title)
    {
        var before = await world.User.CreateTicketAsync();

        var refused = await world.User.PostAsJsonAsync("api/tickets", new { title, description = "Sale todo en blanco." });
        var after = await world.User.CreateTicketAsync();

        Assert.True((await refused.ProblemAsync(400)).FieldErrors().SequenceEqual(["title"]), what);
        Assert.Equal(Number(before) + 1, Number(after));
    }

    private static long Number(System.Text.Json.JsonElement ticket) => long.Parse(ticket.Str("number")[4..], System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("iso-8859-1")]
    [InlineData("ISO-8859-1")]
    [InlineData("windows-1252")]
    [InlineData("utf-16")]
    [InlineData("\"latin1\"")]
    public async Task AJsonBodyInAnotherCharsetIsUnsupportedAndStoresNothing(string charset)
    {
        var before = await world.User.CreateTicketAsync();
        using var latin1 = new ByteArrayContent(Encoding.Latin1.GetBytes("""{"title":"Impresión rota","description":"Sale todo en blanco."}"""));
        latin1.Headers.TryAddWithoutValidation("Content-Type", $"application/json; charset={charset}");

        var refused = await world.User.PostAsync("api/tickets", latin1);
        var after = await world.User.CreateTicketAsync();

        Assert.Equal("unsupported_media_type", (await refused.ProblemAsync(415)).Str("code"));
        Assert.Equal(Number(before) + 1, Number(after));
    }

    [Theory]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("application/json;charset=\"utf-8\"")]
    [InlineData("application/json")]
    public async Task AJsonBodyInUtf8OrWithoutACharsetIsRead(string contentType)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"title":"Impresión rota","description":"Sale todo en blanco."}"""));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var created = await world.User.PostAsync("api/tickets", content);

        Assert.Equal(201, (int)created.StatusCode);
        Assert.Equal("Impresión rota", (await created.JsonAsync()).Str("title"));
    }

    [Fact]
    public async Task ALoneSurrogateInJsonIsABadRequestNamingTheField()
    {
        using var content = new StringContent("""{"title":"Impresora \ud800 rota","description":"x"}""", Encoding.UTF8, "application/json");

        var response = await world.User.PostAsync("api/tickets", content);

        Assert.Equal(["title"], (await response.ProblemAsync(400)).FieldErrors());
    }

    [Fact]
    public async Task LineBreaksAreWelcomeInDescriptionsAndComments()
    {
        var ticket = await world.User.CreateTicketAsync(description: "Pasos:\n  1. Encender\r\n  2. Imprimir");

        Assert.Equal(201, (int)(await world.User.CommentAsync(ticket.Id(), "Sigue igual:\n- hoja en blanco")).StatusCode);
    }

    [Fact]
    public async Task ABidiOverrideInATitleIsRefusedAsInvisibleCharactersAndNothingIsStored()
    {
        var before = await world.User.CreateTicketAsync();

        var refused = await world.User.PostAsJsonAsync("api/tickets", new { title = "invoice \u202Egnp.exe", description = "Adjunto." });
        var after = await world.User.CreateTicketAsync();

        var problem = await refused.ProblemAsync(400);
        Assert.Equal(["invisible_characters"], problem.GetProperty("errorCodes").GetProperty("title").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(Number(before) + 1, Number(after));
    }

    [Fact]
    public async Task UnprintableTextIsRefusedInEveryTextField()
    {
        const string bad = "mal\uFFFEtexto";
        var ticket = (await world.User.CreateTicketAsync()).Id();

        Assert.Equal(["description"], (await (await world.User.PostAsJsonAsync("api/tickets", new { title = "Título", description = bad })).ProblemAsync(400)).FieldErrors());
        Assert.Equal(["title"], (await (await world.User.PatchAsJsonAsync($"api/tickets/{ticket}", new { title = bad })).ProblemAsync(400)).FieldErrors());
        Assert.Equal(["body"], (await (await world.User.CommentAsync(ticket, bad)).ProblemAsync(400)).FieldErrors());
        Assert.Equal(["note"], (await (await world.Admin.SetStatusAsync(ticket, "resolved", bad)).ProblemAsync(400)).FieldErrors());
        Assert.Equal(["department"], (await (await world.User.PatchAsJsonAsync("api/me", new { department = bad })).ProblemAsync(400)).FieldErrors());
        Assert.Equal(["q"], (await (await world.User.GetAsync($"api/tickets?q={Uri.EscapeDataString(bad)}")).ProblemAsync(400)).FieldErrors());
        Assert.Equal(["q"], (await (await world.Admin.GetAsync($"api/users?q={Uri.EscapeDataString(bad)}")).ProblemAsync(400)).FieldErrors());
        var register = await world.Host.Client().PostAsJsonAsync("api/auth/register", new
        {
            dni = "12312312", phone = "+34 600 000 000", firstNames = bad, lastNames = "Pérez", department = "Ventas",
            email = $"mal\u0007{Guid.NewGuid():N}@example.org", password = "Password123!",
        });
        Assert.Equal(["email", "firstNames"], (await register.ProblemAsync(400)).FieldErrors().Order());
    }

    [Theory]
    [InlineData("a%2Fb")]
    [InlineData("..%2F..%2Fusers")]
    [InlineData("%23hash")]
    [InlineData("TCK-99999999999999999999999")]
    [InlineData("TCK--1")]
    public async Task IdsThatCannotBeOursAreNotFound(string id)
    {
        await (await world.Admin.GetAsync($"api/tickets/{id}")).ProblemAsync(404);
        await (await world.Admin.GetAsync($"api/users/{id}")).ProblemAsync(404);
    }

    [Fact]
    public async Task AnAssigneeIdThatCannotBeOursIsABadRequestNamingIt()
    {
        var ticket = (await world.User.CreateTicketAsync()).Id();

        var response = await world.Admin.AssignAsync(ticket, "../../etc/passwd");

        Assert.Equal(["assigneeId"], (await response.ProblemAsync(400)).FieldErrors());
    }
}
