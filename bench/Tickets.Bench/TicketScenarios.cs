using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Tickets.Identity;
using Tickets.Tickets;
using Tickets.Users;

namespace Tickets.Bench;

/// <summary>
/// Ticket operations over stores of growing size. Tickets are seeded through the real service (same rules,
/// events and SLA as the API) rather than over HTTP, so seeding 100k takes a minute, not an hour.
/// </summary>
public static class TicketScenarios
{
    private static readonly string[] Priorities = ["low", "medium", "high", "critical"];
    private static readonly string[] Words = ["impresora", "VPN", "correo", "portátil", "licencia", "pantalla", "red", "acceso"];

    public static async Task<IReadOnlyList<Measurement>> RunAsync(
        WebApplication app, HttpClient http, string adminToken, IReadOnlyList<int> sizes, TimeSpan duration, int concurrency)
    {
        var results = new List<Measurement>();
        var seeded = 0;
        foreach (var size in sizes.Order())
        {
            Console.WriteLine($"Seeding up to {size:N0} tickets…");
            seeded = await SeedAsync(app, seeded, size);

            results.Add(await Measurement.RunAsync($"list page 1 of 25 ({size:N0} tickets)", async _ =>
                (await HttpBench.Send(http, HttpMethod.Get, "api/tickets?limit=25", adminToken)).IsSuccessStatusCode, duration, concurrency));

            // Page 200 where the store has it; smaller runs go as deep as they can.
            var depth = Math.Min(200, size / 25);
            var deep = await CursorAtDepthAsync(http, adminToken, pages: depth);
            results.Add(await Measurement.RunAsync($"list page {depth} of 25 ({size:N0} tickets)", async _ =>
                (await HttpBench.Send(http, HttpMethod.Get, $"api/tickets?limit=25&cursor={Uri.EscapeDataString(deep)}", adminToken)).IsSuccessStatusCode,
                duration, concurrency));

            results.Add(await Measurement.RunAsync($"list filtered + sorted by priority ({size:N0} tickets)", async _ =>
                (await HttpBench.Send(http, HttpMethod.Get, "api/tickets?limit=25&status=open,in_progress&priority=high,critical&sort=-priority", adminToken)).IsSuccessStatusCode,
                duration, concurrency));
        }

        results.Add(await Measurement.RunAsync("create ticket", async n =>
            (await HttpBench.Send(http, HttpMethod.Post, "api/tickets", adminToken,
                new { title = $"Bench ticket {n}", description = "Created by the benchmark.", priority = Priorities[n % 4] })).IsSuccessStatusCode,
            duration, concurrency));

        var sample = await (await HttpBench.Send(http, HttpMethod.Get, $"api/tickets?limit={concurrency}", adminToken)).Content.ReadFromJsonAsync<JsonElement>();
        var ids = sample.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()!).ToArray();
        results.Add(await Measurement.RunAsync("get ticket", async _ =>
            (await HttpBench.Send(http, HttpMethod.Get, $"api/tickets/{ids[0]}", adminToken)).IsSuccessStatusCode, duration, concurrency));
        // Each caller comments on its own ticket (callers are numbered n = worker × 1,000,000 + i), as agents do;
        // many writers on one ticket are the end-to-end tests' job (no update lost), not a throughput figure.
        results.Add(await Measurement.RunAsync("comment", async n =>
            (await HttpBench.Send(http, HttpMethod.Post, $"api/tickets/{ids[n / 1_000_000 % ids.Length]}/comments", adminToken,
                new { body = $"Comentario {n}" })).IsSuccessStatusCode,
            duration, concurrency));
        return results;
    }

    private static async Task<int> SeedAsync(WebApplication app, int from, int to)
    {
        var users = app.Services.GetRequiredService<IUserStore>();
        var requester = (await users.FindByEmailAsync("user@tickets.local"))!;
        var tasks = Enumerable.Range(0, 2).Select(async worker =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().SignIn(requester);
            var tickets = scope.ServiceProvider.GetRequiredService<TicketService>();
            for (var n = from + worker; n < to; n += 2)
            {
                var created = await tickets.CreateAsync(new CreateTicketRequest(
                    $"{Words[n % Words.Length]} falla {n}", $"Descripción del problema número {n} con la {Words[(n / 3) % Words.Length]}.",
                    Priorities[n % 4]), CancellationToken.None);
                if (!created.IsSuccess) throw new InvalidOperationException($"Seeding failed: {created.Error!.Code}");
            }
        });
        await Task.WhenAll(tasks);
        return to;
    }

    private static async Task<string> CursorAtDepthAsync(HttpClient http, string token, int pages)
    {
        string? cursor = null;
        for (var page = 1; page < pages; page++)
        {
            var uri = "api/tickets?limit=25" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var body = await (await HttpBench.Send(http, HttpMethod.Get, uri, token)).Content.ReadFromJsonAsync<JsonElement>();
            cursor = body.GetProperty("nextCursor").GetString() ?? throw new InvalidOperationException($"Fewer than {pages} pages.");
        }

        return cursor!;
    }
}
