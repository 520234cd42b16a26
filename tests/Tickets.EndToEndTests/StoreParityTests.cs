using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Tickets.EndToEndTests;

/// <summary>
/// Two local hosts, one on SQLite and one on the run's store (<see cref="HostStore.Current"/>), each with an empty
/// store: the same scripted session, by every role, gets the same answers from both. In the SQLite pass both are SQLite,
/// which proves the session itself is deterministic; in the Cosmos pass it compares the two adapters black-box.
/// </summary>
public sealed class StoreParityHosts : IAsyncLifetime
{
    public LocalHost Reference { get; } = Empty(HostStore.Sqlite);

    public LocalHost UnderTest { get; } = Empty(HostStore.Current);

    private static LocalHost Empty(HostStore store)
    {
        var host = new LocalHost { Store = store };
        host.Settings["Tickets:DemoData"] = "false";
        host.Settings["Tickets:BootstrapAdmin:Email"] = StoreParityTests.AdminEmail;
        host.Settings["Tickets:BootstrapAdmin:Password"] = StoreParityTests.AdminPassword;
        return host;
    }

    public Task InitializeAsync() => Task.WhenAll(Reference.InitializeAsync(), UnderTest.InitializeAsync());

    public Task DisposeAsync() => Task.WhenAll(Reference.DisposeAsync(), UnderTest.DisposeAsync());
}

public sealed partial class StoreParityTests(StoreParityHosts hosts) : IClassFixture<StoreParityHosts>
{
    public const string AdminEmail = "root@example.org";
    public const string AdminPassword = "Root123!parity";

    [Fact]
    public async Task TheSameSessionGetsTheSameAnswersOnEveryStore()
    {
        var expected = await new Session(hosts.Reference).RunAsync();
        var actual = await new Session(hosts.UnderTest).RunAsync();

        for (var i = 0; i < Math.Min(expected.Count, actual.Count); i++)
            Assert.True(expected[i] == actual[i], $"Step {i} differs.\nSQLite: {expected[i]}\n{HostStore.Current.GetType().Name}: {actual[i]}");
        Assert.Equal(expected.Count, actual.Count);
    }

    /// <summary>A help-desk day through the API; every answer is written down with what differs between runs (ids, times, tokens) replaced.</summary>
    private sealed partial class Session(LocalHost host)
    {
        private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        private readonly List<string> _transcript = [];
        private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);

        public async Task<List<string>> RunAsync()
        {
            var anonymous = host.Client();
            await Step("health", anonymous, HttpMethod.Get, "api/health");

            await Step("register ana", anonymous, HttpMethod.Post, "api/auth/register", Person("ana@example.org", "11111111", "Ana", "Álvarez Núñez"));
            await Step("register ana again", anonymous, HttpMethod.Post, "api/auth/register", Person("ANA@example.org", "22222222", "Ana", "Otra"));
            await Step("register invalid", anonymous, HttpMethod.Post, "api/auth/register", new { dni = "1", email = "no", password = "x" });
            await Step("login wrong password", anonymous, HttpMethod.Post, "api/auth/login", new { email = "ana@example.org", password = "Wrong-password-1" });
            var ana = await SignInAsync("ana@example.org", "Password123!");
            var admin = await SignInAsync(AdminEmail, AdminPassword);

            await Step("admin creates a technician", admin, HttpMethod.Post, "api/users", Person("tomas@example.org", "33333333", "Tomás", "Técnico", role: "technician"));
            var brunoId = (await Step("admin creates a user", admin, HttpMethod.Post, "api/users",
                Person("bruno@example.org", "44444444", "Bruno", "Bueno", role: "user"))).GetProperty("id").GetString()!;
            var tomas = await SignInAsync("tomas@example.org", "Password123!");
            var bruno = await SignInAsync("bruno@example.org", "Password123!");
            var tomasId = (await Step("tomas me", tomas, HttpMethod.Get, "api/me")).GetProperty("user").GetProperty("id").GetString()!;

            var refresh = (await Step("ana signs in again", anonymous, HttpMethod.Post, "api/auth/login",
                new { email = "ana@example.org", password = "Password123!" })).GetProperty("refreshToken").GetString();
            await Step("refresh", anonymous, HttpMethod.Post, "api/auth/refresh", new { refreshToken = refresh });
            await Step("refresh reused", anonymous, HttpMethod.Post, "api/auth/refresh", new { refreshToken = refresh });
            await Step("ana me", ana, HttpMethod.Get, "api/me");
            await Step("ana patches me", ana, HttpMethod.Patch, "api/me", new { department = "Finanzas", language = "en" });
            var users = await Step("users page 1", admin, HttpMethod.Get, "api/users?limit=2&includeTotal=true");
            await Step("users page 2", admin, HttpMethod.Get, $"api/users?limit=2&cursor={Escape(users.GetProperty("nextCursor").GetString()!)}");
            await Step("users technicians", admin, HttpMethod.Get, "api/users?role=technician");
            await Step("users search", admin, HttpMethod.Get, "api/users?q=NUNEZ");
            await Step("user lists users", ana, HttpMethod.Get, "api/users");

            var printer = (await Step("ana reports printer", ana, HttpMethod.Post, "api/tickets",
                new { title = "La impresora no imprime", description = "Sale todo en blanco.", priority = "high", category = "hardware" })).GetProperty("id").GetString()!;
            var licence = (await Step("ana asks licence", ana, HttpMethod.Post, "api/tickets",
                new { title = "Licencia de Excel", description = "Para informes.", priority = "low", category = "software" })).GetProperty("id").GetString()!;
            await Step("ana reports vpn", ana, HttpMethod.Post, "api/tickets",
                new { title = "VPN caída", description = "Error 809 al conectar.", priority = "critical", category = "network" });
            var brunos = (await Step("bruno reports", bruno, HttpMethod.Post, "api/tickets", new { title = "Pantalla rota", description = "Se ve negra." })).GetProperty("id").GetString()!;
            await Step("invalid ticket", ana, HttpMethod.Post, "api/tickets", new { title = "x", description = "", priority = "urgent" });

            foreach (var sort in new[] { "-createdAt", "createdAt", "updatedAt", "-updatedAt", "priority", "-priority", "slaDue" })
                await Step($"tech lists by {sort}", tomas, HttpMethod.Get, $"api/tickets?sort={Escape(sort)}&includeTotal=true");
            await Step("ana lists hers", ana, HttpMethod.Get, "api/tickets");
            await Step("filters", tomas, HttpMethod.Get, "api/tickets?status=open&priority=high,critical&category=hardware,network&assigneeId=none&includeTotal=true");
            await Step("search", tomas, HttpMethod.Get, "api/tickets?q=IMPRESORA");
            await Step("requester me", ana, HttpMethod.Get, "api/tickets?requesterId=me&sort=priority");
            var first = await Step("page 1", tomas, HttpMethod.Get, "api/tickets?limit=3&sort=priority");
            await Step("page 2", tomas, HttpMethod.Get, $"api/tickets?limit=3&sort=priority&cursor={Escape(first.GetProperty("nextCursor").GetString()!)}");

            await Step("tech takes printer", tomas, HttpMethod.Put, $"api/tickets/{printer}/assignee", new { assigneeId = tomasId });
            await Step("tech starts", tomas, HttpMethod.Put, $"api/tickets/{printer}/status", new { status = "in_progress" });
            await Step("tech replies", tomas, HttpMethod.Post, $"api/tickets/{printer}/comments", new { body = "¿Has probado a cambiar el tóner?" });
            await Step("tech notes", tomas, HttpMethod.Post, $"api/tickets/{printer}/comments", new { body = "Pedir tóner.", @internal = true });
            await Step("tech holds", tomas, HttpMethod.Put, $"api/tickets/{printer}/status", new { status = "on_hold", note = "Esperando a Ana." });
            await Step("ana answers", ana, HttpMethod.Post, $"api/tickets/{printer}/comments", new { body = "Sí, y sigue igual." });
            await Step("forbidden move", ana, HttpMethod.Put, $"api/tickets/{printer}/status", new { status = "resolved", note = "Ya está" });
            await Step("resolve without note", tomas, HttpMethod.Put, $"api/tickets/{printer}/status", new { status = "resolved" });
            await Step("tech resolves", tomas, HttpMethod.Put, $"api/tickets/{printer}/status", new { status = "resolved", note = "Tóner sustituido." });
            await Step("ana transitions", ana, HttpMethod.Get, $"api/tickets/{printer}/transitions");
            await Step("ana closes", ana, HttpMethod.Put, $"api/tickets/{printer}/status", new { status = "closed" });
            await Step("admin reopens", admin, HttpMethod.Put, $"api/tickets/{printer}/status", new { status = "open" });
            await Step("by number", ana, HttpMethod.Get, "api/tickets/TCK-000001");
            await Step("ana comments", ana, HttpMethod.Get, $"api/tickets/{printer}/comments");
            await Step("tech comments", tomas, HttpMethod.Get, $"api/tickets/{printer}/comments?limit=2");
            await Step("ana history", ana, HttpMethod.Get, $"api/tickets/{printer}/history");
            await Step("tech history", tomas, HttpMethod.Get, $"api/tickets/{printer}/history");
            await Step("admin transitions", admin, HttpMethod.Get, $"api/tickets/{printer}/transitions");

            var read = await ana.GetAsync($"api/tickets/{licence}");
            var etag = read.Headers.ETag!.Tag;
            await Step("edit", ana, HttpMethod.Patch, $"api/tickets/{licence}", new { title = "Licencia de Excel 365" }, etag);
            await Step("edit on a stale etag", ana, HttpMethod.Patch, $"api/tickets/{licence}", new { title = "Otra" }, etag);
            await Step("delete", ana, HttpMethod.Delete, $"api/tickets/{licence}");
            await Step("deleted is gone", ana, HttpMethod.Get, $"api/tickets/{licence}");
            await Step("someone else's ticket", ana, HttpMethod.Get, $"api/tickets/{brunos}");
            await Step("unknown number", ana, HttpMethod.Get, "api/tickets/TCK-999999");

            var key = new Dictionary<string, string> { ["Idempotency-Key"] = "parity-key-1" };
            await Step("idempotent create", bruno, HttpMethod.Post, "api/tickets", new { title = "Ratón roto", description = "No clica." }, headers: key);
            await Step("idempotent replay", bruno, HttpMethod.Post, "api/tickets", new { title = "Ratón roto", description = "No clica." }, headers: key);
            await Step("idempotent misuse", bruno, HttpMethod.Post, "api/tickets", new { title = "Otro", description = "Distinto." }, headers: key);

            await Step("unassigned by due time", admin, HttpMethod.Get, "api/tickets?assigneeId=none&sort=slaDue");
            await Step("stats", tomas, HttpMethod.Get, "api/stats");
            await Step("user stats", ana, HttpMethod.Get, "api/stats");
            await Step("admin deactivates bruno", admin, HttpMethod.Patch, $"api/users/{brunoId}", new { active = false });
            await Step("bruno is out", bruno, HttpMethod.Get, "api/me");
            await Step("bruno cannot log in", anonymous, HttpMethod.Post, "api/auth/login", new { email = "bruno@example.org", password = "Password123!" });
            await Step("inactive users", admin, HttpMethod.Get, "api/users?active=false");
            return _transcript;
        }

        private async Task<HttpClient> SignInAsync(string email, string password)
        {
            var login = await Step($"login {email}", host.Client(), HttpMethod.Post, "api/auth/login", new { email, password });
            var client = host.Client();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
            return client;
        }

        private async Task<JsonElement> Step(string name, HttpClient client, HttpMethod method, string path, object? body = null,
            string? ifMatch = null, Dictionary<string, string>? headers = null)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            if (ifMatch is not null) request.Headers.IfMatch.Add(new EntityTagHeaderValue(ifMatch));
            foreach (var (header, value) in headers ?? []) request.Headers.Add(header, value);
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var json = text.Length == 0 ? (JsonNode?)null : JsonNode.Parse(text);
            _transcript.Add($"{name}: {(int)response.StatusCode} {Normalise(json)?.ToJsonString(Readable) ?? "-"}");
            return json is null ? default : JsonDocument.Parse(text).RootElement.Clone();
        }

        /// <summary>Ids become their order of appearance; times, elapsed minutes, tokens, ETags, trace ids and cursors a placeholder.</summary>
        private JsonNode? Normalise(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (name, value) in obj.ToList())
                    {
                        obj[name] = name is "accessToken" or "refreshToken" or "traceId" or "etag" or "nextCursor"
                            ? value is null ? null : $"<{name}>"
                            : IsElapsedMinutes(name) && value is not null ? "<minutes>" : Normalise(value?.DeepClone());
                    }

                    return obj;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++) array[i] = Normalise(array[i]?.DeepClone());
                    return array;
                case JsonValue value when value.TryGetValue<string>(out var text):
                    text = Timestamp().Replace(text, "<time>");
                    text = Date().Replace(text, "<date>");
                    return Hex32().Replace(text, m => _ids.TryGetValue(m.Value, out var known) ? known : _ids[m.Value] = $"<id{_ids.Count + 1}>");
                default:
                    return node;
            }
        }

        /// <summary>Figures of elapsed time between steps of the session (mean and median minutes to …): they depend on the host's speed.</summary>
        private static bool IsElapsedMinutes(string name) =>
            (name.StartsWith("mean", StringComparison.Ordinal) || name.StartsWith("median", StringComparison.Ordinal)) && name.Contains("Minutes", StringComparison.Ordinal);

        private static object Person(string email, string dni, string firstNames, string lastNames, string? role = null) => new
        {
            dni, phone = "+34 600 111 222", firstNames, lastNames, department = "Contabilidad", email, password = "Password123!", role,
        };

        private static string Escape(string value) => Uri.EscapeDataString(value);

        [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")]
        private static partial Regex Timestamp();

        [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
        private static partial Regex Date();

        [GeneratedRegex("[0-9a-f]{32}")]
        private static partial Regex Hex32();
    }
}
