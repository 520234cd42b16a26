using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Tickets.EndToEndTests.Tickets;

namespace Tickets.EndToEndTests.Security;

/// <summary>
/// Every HTTP route of the build (<c>functions.metadata</c>) × anonymous, user, technician, admin × their own and
/// someone else's resource, against one table of expected statuses. A route without a row fails, so a new route
/// cannot ship without someone deciding who may call it; a row without a route fails too.
/// </summary>
public sealed class AuthorizationMatrixTests(TicketWorld world) : IClassFixture<TicketWorld>
{
    public enum Caller
    {
        Anonymous,
        User,
        Technician,
        Admin,
    }

    /// <summary>
    /// The expected status of each route per caller. Routes on one ticket or one account give two: (own, other).
    /// A ticket is "own" when the user requested it, when it is assigned to the technician, when the admin requested it;
    /// "other" is another user's ticket assigned to another technician. An account is "own" when it is the caller's.
    /// Anonymous callers have nothing of their own: one status.
    /// </summary>
    private static readonly Dictionary<string, Row> Expectations = new(StringComparer.Ordinal)
    {
        // function                   anonymous  user         technician   admin
        ["Health"] = Row.Same(200, 200, 200, 200),
        ["Register"] = Row.Same(201, 201, 201, 201),
        ["ConfirmRegistration"] = Row.Same(400, 400, 400, 400), // not a real link: the caller is let in, the link is refused
        ["Login"] = Row.Same(200, 200, 200, 200),
        ["Refresh"] = Row.Same(200, 200, 200, 200),
        ["Logout"] = Row.Same(204, 204, 204, 204),
        ["ForgotPassword"] = Row.Same(202, 202, 202, 202),
        ["ResetPassword"] = Row.Same(400, 400, 400, 400), // not a real link: the caller is let in, the link is refused
        ["AnswerResolution"] = Row.Same(400, 400, 400, 400), // not a real link: the token is the credential, and it is refused
        ["AnswerSatisfaction"] = Row.Same(400, 400, 400, 400), // not a real link: the token is the credential, and it is refused
        ["GetMe"] = Row.Same(401, 200, 200, 200),
        ["UpdateMe"] = Row.Same(401, 200, 200, 200),
        ["ChangePassword"] = Row.Same(401, 400, 400, 400), // wrong current password: the caller is let in, the check refuses
        ["ListUsers"] = Row.Same(401, 403, 403, 200),
        ["CreateUser"] = Row.Same(401, 403, 403, 201),
        ["GetUser"] = Row.Owned(401, (403, 403), (403, 403), (200, 200)),
        ["UpdateUser"] = Row.Owned(401, (403, 403), (403, 403), (200, 200)),
        ["ResendInvitation"] = Row.Owned(401, (403, 403), (403, 403), (409, 409)), // both accounts have a password: nothing pending
        ["CreateTicket"] = Row.Same(401, 201, 201, 201),
        ["ListTickets"] = Row.Same(401, 200, 200, 200),
        ["ExportTickets"] = Row.Same(401, 403, 200, 200), // the list as a file is for staff
        ["GetTicket"] = Row.Owned(401, (200, 404), (200, 200), (200, 200)),
        ["UpdateTicket"] = Row.Owned(401, (200, 404), (403, 403), (200, 200)),
        ["DeleteTicket"] = Row.Owned(401, (204, 404), (403, 403), (204, 204)),
        ["AssignTicket"] = Row.Owned(401, (403, 404), (403, 403), (200, 200)), // technicians take unassigned tickets only
        ["ChangeTicketStatus"] = Row.Owned(401, (403, 404), (200, 403), (200, 200)),
        ["TicketTransitions"] = Row.Owned(401, (200, 404), (200, 200), (200, 200)),
        ["TicketSla"] = Row.Owned(401, (200, 404), (200, 200), (200, 200)),
        ["TicketRequester"] = Row.Owned(401, (403, 403), (200, 200), (200, 200)), // contact details are for staff only
        // A saved view is "own" when the caller saved it (personal); "other" is another technician's personal view: unseen, 404.
        ["ListSavedViews"] = Row.Same(401, 403, 200, 200),
        ["CreateSavedView"] = Row.Same(401, 403, 201, 201),
        ["UpdateSavedView"] = Row.Owned(401, (403, 403), (200, 404), (200, 404)),
        ["DeleteSavedView"] = Row.Owned(401, (403, 403), (204, 404), (204, 404)),
        ["MoveTicketToTeam"] = Row.Owned(401, (403, 403), (200, 200), (200, 200)), // staff move tickets between teams
        ["BulkTickets"] = Row.Same(401, 403, 200, 200), // staff only; each ticket's own answer is in the results (BulkTests)
        ["SetTicketTags"] = Row.Owned(401, (403, 403), (200, 200), (200, 200)), // tags are staff-internal labels
        // Only the requester rates, and a fresh ticket has no resolution to rate: the requester is let in and refused (409).
        ["RateTicket"] = Row.Owned(401, (409, 404), (403, 403), (409, 403)),
        ["ListTags"] = Row.Same(401, 403, 200, 200),
        ["ListStaff"] = Row.Same(401, 403, 200, 200), // completion for mentions: colleagues only
        // Links and merges are staff work; the other ticket is a fresh one of another user ({ticketId}: linked to the ticket first).
        ["LinkTicket"] = Row.Owned(401, (403, 403), (200, 200), (200, 200)),
        ["UnlinkTicket"] = Row.Owned(401, (403, 403), (200, 200), (200, 200)),
        ["MergeTicket"] = Row.Owned(401, (403, 403), (200, 200), (200, 200)),
        ["SetTicketCcs"] = Row.Owned(401, (200, 404), (200, 200), (200, 200)), // the requester and staff choose who is copied
        ["FollowTicket"] = Row.Owned(401, (403, 404), (200, 200), (200, 200)), // following is for staff
        ["UnfollowTicket"] = Row.Owned(401, (403, 404), (200, 200), (200, 200)),
        ["LookUpPerson"] = Row.Same(401, 200, 200, 200), // any signed-in caller finds an account by its exact e-mail (CC picker)
        ["ListCategories"] = Row.Same(401, 200, 200, 200),
        ["GetCategory"] = Row.Same(401, 200, 200, 200),
        ["CreateCategory"] = Row.Same(401, 403, 403, 201),
        ["UpdateCategory"] = Row.Same(401, 403, 403, 200),
        ["ListTeams"] = Row.Same(401, 403, 200, 200),
        ["GetTeam"] = Row.Same(401, 403, 200, 200),
        ["CreateTeam"] = Row.Same(401, 403, 403, 201),
        ["UpdateTeam"] = Row.Same(401, 403, 403, 200),
        ["DeleteTeam"] = Row.Same(401, 403, 403, 204),
        ["TicketHistory"] = Row.Owned(401, (200, 404), (200, 200), (200, 200)),
        ["ListComments"] = Row.Owned(401, (200, 404), (200, 200), (200, 200)),
        ["AddComment"] = Row.Owned(401, (201, 404), (201, 201), (201, 201)),
        ["Stats"] = Row.Same(401, 403, 200, 200),
        ["ReportSummary"] = Row.Same(401, 403, 200, 200), // reports are for staff
        ["ReportSummaryCsv"] = Row.Same(401, 403, 200, 200),
        ["HealthDetails"] = Row.Same(401, 403, 403, 200),
        ["ListAudit"] = Row.Same(401, 403, 403, 200),
        ["OpenApiDocument"] = Row.Same(200, 200, 200, 200),
        // The route's {commentId} names no comment: who sees an existing one is proven by the comment tests.
        ["GetComment"] = Row.Owned(401, (404, 404), (404, 404), (404, 404)),
        ["ListNotifications"] = Row.Same(401, 200, 200, 200),
        // {id} names nobody's notification: another person's is a 404 too (NotificationTests).
        ["ReadNotification"] = Row.Same(401, 404, 404, 404),
        ["ReadAllNotifications"] = Row.Same(401, 204, 204, 204),
        ["ListSlaPolicies"] = Row.Same(401, 403, 200, 200),
        ["CreateSlaPolicy"] = Row.Same(401, 403, 403, 201),
        ["GetSlaPolicy"] = Row.Same(401, 403, 200, 200),
        ["UpdateSlaPolicy"] = Row.Same(401, 403, 403, 200),
        ["ApplySlaPolicy"] = Row.Same(401, 403, 403, 202),
        ["ListCalendars"] = Row.Same(401, 403, 200, 200),
        ["CreateCalendar"] = Row.Same(401, 403, 403, 201),
        ["GetCalendar"] = Row.Same(401, 403, 200, 200),
        ["UpdateCalendar"] = Row.Same(401, 403, 403, 200),
        ["ImportCalendarHolidays"] = Row.Same(401, 403, 403, 200),
        // An upload is "own" when the caller made it and nothing references it yet; "other" is another user's: only its uploader
        // may read or remove it. The clients follow redirects: GetAttachment's 302 (AttachmentTests) arrives at the blob's 200.
        ["UploadAttachment"] = Row.Same(401, 201, 201, 201),
        ["GetAttachment"] = Row.Owned(401, (200, 404), (200, 404), (200, 404)),
        ["GetAttachmentLink"] = Row.Owned(401, (200, 404), (200, 404), (200, 404)),
        ["DeleteAttachment"] = Row.Owned(401, (204, 404), (204, 404), (204, 404)),
        ["ListTicketAttachments"] = Row.Owned(401, (200, 404), (200, 200), (200, 200)),
        // This host has no webhook secret: the door does not exist for anyone (the signature is the credential; InboundMailTests).
        ["InboundEmail"] = Row.Same(404, 404, 404, 404),
        ["InboundStatus"] = Row.Same(401, 403, 403, 200),
        // A macro is "own" when it is the caller's personal one, "other" a shared one the admin made (another person's personal
        // macro is a 404: MacroTests); requesters have none.
        ["ListMacros"] = Row.Same(401, 403, 200, 200),
        ["CreateMacro"] = Row.Same(401, 403, 201, 201),
        ["GetMacro"] = Row.Owned(401, (403, 403), (200, 200), (200, 200)),
        ["UpdateMacro"] = Row.Owned(401, (403, 403), (200, 403), (200, 200)),
        ["DeleteMacro"] = Row.Owned(401, (403, 403), (204, 403), (204, 204)),
        ["ApplyMacro"] = Row.Owned(401, (403, 403), (200, 200), (200, 200)), // a shared macro, applied under the comment's rules
    };

    public static TheoryData<string> Functions() => [.. FunctionsMetadata.HttpRoutes.Select(r => r.Function).Distinct()];

    [Fact]
    public void EveryExpectationIsARouteOfTheBuild() =>
        Assert.Empty(Expectations.Keys.Except(FunctionsMetadata.HttpRoutes.Select(r => r.Function)));

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task EveryCallerGetsWhatTheTableSaysForEveryRoute(string function)
    {
        Assert.True(Expectations.TryGetValue(function, out var row), $"{function} has no row in the authorization table: decide who may call it.");

        var mismatches = new List<string>();
        foreach (var route in FunctionsMetadata.HttpRoutes.Where(r => r.Function == function))
        {
            foreach (var (caller, own, expected) in row.Cells(Resource(route) is not null))
            {
                using var request = await RequestAsync(route, caller, own);
                using var response = await ClientOf(caller).SendAsync(request);
                var status = (int)response.StatusCode;
                if (status != expected) mismatches.Add($"{caller} on {(own ? "own" : "other")}: {status}, expected {expected}");
                if (status >= 400) await response.ProblemAsync(status);
            }
        }

        Assert.True(mismatches.Count == 0, $"{function}: " + string.Join("; ", mismatches));
    }

    private HttpClient ClientOf(Caller caller) => caller switch
    {
        Caller.User => world.User,
        Caller.Technician => world.Technician,
        Caller.Admin => world.Admin,
        _ => _anonymous,
    };

    private readonly HttpClient _anonymous = world.Host.Client();

    private static string? Resource(HttpRoute route) =>
        route.Route.StartsWith("tickets/{id}", StringComparison.Ordinal) ? "ticket"
        : route.Route.StartsWith("users/{id}", StringComparison.Ordinal) ? "user"
        : route.Route.StartsWith("teams/{id}", StringComparison.Ordinal) ? "team"
        : route.Route.StartsWith("categories/{id}", StringComparison.Ordinal) ? "category"
        : route.Route.StartsWith("attachments/{id}", StringComparison.Ordinal) ? "upload"
        : route.Route.StartsWith("views/{id}", StringComparison.Ordinal) ? "view"
        : route.Route.StartsWith("macros/{id}", StringComparison.Ordinal) ? "macro"
        : null;

    private async Task<HttpRequestMessage> RequestAsync(HttpRoute route, Caller caller, bool own)
    {
        var path = route.Route;
        if (Resource(route) == "ticket") path = path.Replace("{id}", await TicketForAsync(caller, own), StringComparison.Ordinal);
        if (Resource(route) == "user") path = path.Replace("{id}", await AccountForAsync(caller, own), StringComparison.Ordinal);
        if (Resource(route) == "team") path = path.Replace("{id}", await FreshTeamAsync(), StringComparison.Ordinal);
        if (Resource(route) == "category") path = path.Replace("{id}", await FreshCategoryAsync(), StringComparison.Ordinal);
        if (Resource(route) == "upload") path = path.Replace("{id}", await FreshUploadAsync(caller, own), StringComparison.Ordinal);
        if (Resource(route) == "view") path = path.Replace("{id}", await FreshViewAsync(caller, own), StringComparison.Ordinal);
        if (Resource(route) == "macro") path = path.Replace("{id}", await FreshMacroAsync(caller, own), StringComparison.Ordinal);
        if (path.Contains("{ticketId}", StringComparison.Ordinal)) path = path.Replace("{ticketId}", await LinkedTicketAsync(path), StringComparison.Ordinal);
        if (path.Contains("{macroId}", StringComparison.Ordinal)) path = path.Replace("{macroId}", await FreshMacroAsync(Caller.Admin, own: false), StringComparison.Ordinal);

        // The seeded policy and calendar stand for "some policy / calendar" (SLA routes are not owned).
        path = path.Replace("sla-policies/{id}", "sla-policies/default", StringComparison.Ordinal)
            .Replace("calendars/{id}", "calendars/business", StringComparison.Ordinal);
        if (route.Function == "LookUpPerson") path += "?email=user@tickets.local";
        var request = new HttpRequestMessage(new HttpMethod(route.Method), "api/" + path);
        if (route.Function == "ImportCalendarHolidays")
            request.Content = new StringContent("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20301225\r\nSUMMARY:Navidad\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                Encoding.UTF8, "text/calendar");
        else if (route.Function == "UploadAttachment")
            request.Content = new MultipartFormDataContent { { new ByteArrayContent("Matriz de permisos\n"u8.ToArray()), "file", "matriz.txt" } };
        else if (await BodyAsync(route.Function) is { } body) request.Content = JsonContent.Create(body);
        return request;
    }

    /// <summary>A fresh ticket per cell, so what one cell changes never decides another.</summary>
    private async Task<string> TicketForAsync(Caller caller, bool own)
    {
        switch (caller, own)
        {
            case (Caller.User, true):
                return (await world.User.CreateTicketAsync()).Id();
            case (Caller.Admin, true):
                return (await world.Admin.CreateTicketAsync()).Id();
            default:
                var ticket = (await world.OtherUser.CreateTicketAsync()).Id();
                var assignee = caller == Caller.Technician && own ? world.TechnicianId : world.OtherTechnicianId;
                Assert.Equal(200, (int)(await world.Admin.AssignAsync(ticket, assignee)).StatusCode);
                return ticket;
        }
    }

    /// <summary>A fresh ticket of another user, linked by the admin to the ticket the route names.</summary>
    private async Task<string> LinkedTicketAsync(string path)
    {
        var other = (await world.OtherUser.CreateTicketAsync()).Id();
        var ticket = path.Split('/')[1];
        Assert.Equal(200, (int)(await world.Admin.PostAsJsonAsync($"api/tickets/{ticket}/links", new { ticketId = other, type = "related" })).StatusCode);
        return other;
    }

    /// <summary>A fresh team per cell (one cell deletes it).</summary>
    private async Task<string> FreshTeamAsync()
    {
        var created = await world.Admin.PostAsJsonAsync("api/teams", new { name = $"Matriz {Guid.NewGuid():N}" });
        Assert.Equal(201, (int)created.StatusCode);
        return (await created.JsonAsync()).Str("id");
    }

    private async Task<string> FreshCategoryAsync()
    {
        var created = await world.Admin.PostAsJsonAsync("api/categories", new { id = $"matriz-{Guid.NewGuid():N}", name = "Matriz" });
        Assert.Equal(201, (int)created.StatusCode);
        return (await created.JsonAsync()).Str("id");
    }

    /// <summary>A fresh macro per cell (one cell deletes it): the staff caller's personal one, else a shared one the admin made.</summary>
    private async Task<string> FreshMacroAsync(Caller caller, bool own)
    {
        var personal = own && caller is Caller.Technician or Caller.Admin;
        var created = await ClientOf(personal ? caller : Caller.Admin).PostAsJsonAsync("api/macros",
            new { name = $"Matriz {Guid.NewGuid():N}", body = "Hola {{requester.firstNames}}.", shared = !personal });
        Assert.Equal(201, (int)created.StatusCode);
        return (await created.JsonAsync()).Str("id");
    }

    /// <summary>A fresh unreferenced upload per cell (one cell removes it): the caller's own, or another user's.</summary>
    private async Task<string> FreshUploadAsync(Caller caller, bool own)
    {
        var uploader = own && caller != Caller.Anonymous ? ClientOf(caller) : world.OtherUser;
        var form = new MultipartFormDataContent { { new ByteArrayContent("Matriz de permisos\n"u8.ToArray()), "file", "matriz.txt" } };
        var created = await uploader.PostAsync("api/attachments", form);
        Assert.Equal(201, (int)created.StatusCode);
        return (await created.JsonAsync()).Str("id");
    }

    /// <summary>A fresh personal view per cell (one cell deletes it): the staff caller's own, or another technician's.</summary>
    private async Task<string> FreshViewAsync(Caller caller, bool own)
    {
        var owner = own && caller is Caller.Technician or Caller.Admin ? ClientOf(caller) : world.OtherTechnician;
        var created = await owner.PostAsJsonAsync("api/views", new { name = "Matriz", query = "status=open" });
        Assert.Equal(201, (int)created.StatusCode);
        return (await created.JsonAsync()).Str("id");
    }

    private async Task<string> AccountForAsync(Caller caller, bool own) => (caller, own) switch
    {
        (Caller.User, true) => world.UserId,
        (Caller.Technician, true) => world.TechnicianId,
        (Caller.Admin, true) => await world.Admin.MyIdAsync(),
        _ => await world.OtherUser.MyIdAsync(),
    };

    /// <summary>A valid body for each route that takes one: what is tested is who may call, not input checking.</summary>
    private async Task<object?> BodyAsync(string function) => function switch
    {
        "Register" => Person(),
        "Login" => new { email = "user@tickets.local", password = "User123!demo" },
        "Refresh" => new { refreshToken = await FreshRefreshTokenAsync() },
        "Logout" => new { refreshToken = "not-a-refresh-token" },
        "ForgotPassword" => new { email = $"nobody-{Guid.NewGuid():N}@example.org" },
        "ResetPassword" => new { token = "not-a-link", newPassword = "Another-password-1" },
        "ConfirmRegistration" => new { token = "not-a-link" },
        "AnswerResolution" => new { token = "not-a-link" },
        "AnswerSatisfaction" => new { token = "not-a-link" },
        "RateTicket" => new { rating = "good" },
        "UpdateMe" => new { department = "Ventas" },
        "ChangePassword" => new { currentPassword = "not-my-password", newPassword = "Another-password-1" },
        "CreateUser" => Person(role: "technician"),
        "UpdateUser" => new { department = "Soporte" },
        "CreateTicket" => new { title = "La impresora no imprime", description = "Sale todo en blanco." },
        "UpdateTicket" => new { title = "La impresora sigue sin imprimir" },
        "AssignTicket" => new { assigneeId = world.TechnicianId },
        "ChangeTicketStatus" => new { status = "in_progress" },
        "AddComment" => new { body = "¿Has probado a reiniciarla?" },
        "MoveTicketToTeam" => new { teamId = (string?)null },
        "BulkTickets" => new { ids = new[] { Guid.NewGuid().ToString("N") }, action = "priority", priority = "high" },
        "SetTicketTags" => new { tags = new[] { "matriz" } },
        "LinkTicket" => new { ticketId = (await world.OtherUser.CreateTicketAsync()).Id(), type = "related" },
        "MergeTicket" => new { intoId = (await world.OtherUser.CreateTicketAsync()).Id() },
        "SetTicketCcs" => new { ccIds = Array.Empty<string>() },
        "CreateMacro" => new { name = "Matriz", body = "Hola {{requester.firstNames}}." },
        "UpdateMacro" => new { body = "Buenos días, {{requester.firstNames}}." },
        "CreateTeam" => new { name = $"Matriz {Guid.NewGuid():N}" },
        "UpdateTeam" => new { description = "Equipo de la matriz de permisos." },
        "CreateCategory" => new { id = $"matriz-{Guid.NewGuid():N}", name = "Matriz" },
        "CreateSavedView" => new { name = "Matriz", query = "status=open&sort=-createdAt" },
        "UpdateSavedView" => new { name = "Matriz renombrada" },
        "UpdateCategory" => new { description = "Categoría de la matriz de permisos." },
        "CreateSlaPolicy" => new { id = $"m-{Guid.NewGuid():N}"[..20], name = "Matriz", targets = SlaTargets },
        "UpdateSlaPolicy" => new { name = "Default", targets = SlaTargets },
        "CreateCalendar" => new { id = $"m-{Guid.NewGuid():N}"[..20], name = "Matriz", timeZone = "UTC", week = Week },
        "UpdateCalendar" => new { name = "Business hours", timeZone = "UTC", week = Week },
        _ => null,
    };

    private static readonly object SlaTargets = new
    {
        critical = new { firstResponseMinutes = 60, resolutionMinutes = 240 },
        high = new { firstResponseMinutes = 240, resolutionMinutes = 1440 },
        medium = new { firstResponseMinutes = 480, resolutionMinutes = 4320 },
        low = new { firstResponseMinutes = 1440, resolutionMinutes = 7200 },
    };

    private static readonly object[] Week =
        [.. new[] { "monday", "tuesday", "wednesday", "thursday", "friday" }.Select(day => new { day, ranges = new[] { new { from = "09:00", to = "18:00" } } })];

    private async Task<string> FreshRefreshTokenAsync()
    {
        var login = await world.Host.Client().PostAsJsonAsync("api/auth/login", new { email = "tech@tickets.local", password = "Tech123!demo" });
        return (await login.JsonAsync()).GetProperty("refreshToken").GetString()!;
    }

    private static object Person(string? role = null) => new
    {
        dni = Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
        phone = "+34 600 123 456",
        firstNames = "Matriz",
        lastNames = "De Permisos",
        department = "Ventas",
        email = $"matrix-{Guid.NewGuid():N}@example.org",
        password = "Password123!",
        role,
    };

    /// <summary>One row of the table: a status per caller, or per caller and ownership.</summary>
    private sealed record Row(int Anonymous, (int Own, int Other) User, (int Own, int Other) Technician, (int Own, int Other) Admin)
    {
        public static Row Same(int anonymous, int user, int technician, int admin) =>
            new(anonymous, (user, user), (technician, technician), (admin, admin));

        public static Row Owned(int anonymous, (int Own, int Other) user, (int Own, int Other) technician, (int Own, int Other) admin) =>
            new(anonymous, user, technician, admin);

        public IEnumerable<(Caller Caller, bool Own, int Status)> Cells(bool owned)
        {
            yield return (Caller.Anonymous, false, Anonymous);
            foreach (var (caller, statuses) in new[] { (Caller.User, User), (Caller.Technician, Technician), (Caller.Admin, Admin) })
            {
                yield return (caller, true, statuses.Own);
                if (owned) yield return (caller, false, statuses.Other);
            }
        }
    }
}
