using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Tickets.DevHost;

namespace Tickets.Bench;

/// <summary>
/// HTTP operations through the real local host (Kestrel + SQLite), each reported as a ratio to a bare endpoint
/// measured on the same host in the same run, so the numbers mean something on any machine.
/// </summary>
public static class HttpBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds", 5);
        var concurrency = Option(args, "--concurrency", 4);
        var data = Path.Combine(Path.GetTempPath(), "tickets-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);

        var app = DevHostApp.Create(
        [
            "--urls=http://127.0.0.1:0",
            $"--Tickets:Sqlite:Path={Path.Combine(data, "tickets.db")}",
            "--Tickets:DemoData=true",
            "--Logging:LogLevel:Default=Warning",
            $"--DevHost:WebRoot={Path.Combine(data, "none")}",
            // Throttling would turn a login benchmark into a 429 benchmark.
            "--Tickets:Login:MaxFailures=100",
        ]);
        // The baseline: an endpoint that does nothing but answer JSON on the same host and pipeline.
        app.MapGet("/bench/bare", () => Results.Json(new { status = "ok" }));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2 }) { BaseAddress = new Uri(address + "/") };

        var token = await LoginAsync(http, "admin@tickets.local", "Admin123!demo");
        var duration = TimeSpan.FromSeconds(seconds);
        var results = new List<Measurement>();

        results.Add(await Measurement.RunAsync("bare endpoint", async _ => (await http.GetAsync("bench/bare")).IsSuccessStatusCode, duration, concurrency));
        results.Add(await Measurement.RunAsync("login", async _ =>
            (await http.PostAsJsonAsync("api/auth/login", new { email = "user@tickets.local", password = "User123!demo" })).IsSuccessStatusCode, duration, concurrency));
        results.Add(await Measurement.RunAsync("GET /me", async _ => (await Send(http, HttpMethod.Get, "api/me", token)).IsSuccessStatusCode, duration, concurrency));

        var sizes = (OptionText(args, "--tickets") ?? "10000,100000").Split(',').Select(int.Parse).ToArray();
        results.AddRange(await TicketScenarios.RunAsync(app, http, token, sizes, duration, concurrency));

        await app.StopAsync();
        Print(results, seconds, concurrency);
        return results.Any(r => r.Errors > 0) ? 1 : 0;
    }

    public static async Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string uri, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static async Task<string> LoginAsync(HttpClient http, string email, string password)
    {
        var response = await http.PostAsJsonAsync("api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static void Print(List<Measurement> results, int seconds, int concurrency)
    {
        var bare = results[0];
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Tickets HTTP benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {seconds}s per operation, {concurrency} concurrent callers");
        text.AppendLine();
        text.AppendLine("| operation | requests | errors | req/s | p50 ms | p99 ms | throughput vs bare | p50 vs bare |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.Requests} | {r.Errors} | {r.PerSecond:F0} | {r.P50Ms:F2} | {r.P99Ms:F2} | {r.PerSecond / bare.PerSecond:P1} | {r.P50Ms / bare.P50Ms:F1}× |");
        }

        Console.WriteLine(text);
        var directory = Path.Combine(AppContext.BaseDirectory, "results");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, $"http-{DateTime.UtcNow:yyyyMMdd-HHmmss}.md"), text.ToString());
    }

    private static string? OptionText(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) ? value : fallback;
    }
}
