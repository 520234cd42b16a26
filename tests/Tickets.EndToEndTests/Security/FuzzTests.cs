using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;

namespace Tickets.EndToEndTests.Security;

/// <summary>
/// Bad input against every HTTP route of the build, through the local host: random and mutated JSON, wrong types, huge
/// strings, deep nesting, control characters and noncharacters, invalid UTF-8, wrong content types, oversize and chunked
/// bodies, hostile ids, tampered cursors and query values, stale preconditions. Whatever arrives: never a 5xx, every
/// refusal an RFC 9457 problem, and nothing stored by a refused request (the database is compared before and after each).
/// The generator is seeded: set <c>TICKETS_FUZZ_SEED</c> to replay a run; every failure names its seed.
/// </summary>
public sealed class FuzzTests(FuzzHost fixture, ITestOutputHelper output) : IClassFixture<FuzzHost>
{
    /// <summary>Bad inputs per route; with about 25 routes a run takes some 20 seconds.</summary>
    private const int CasesPerRoute = 48;

    /// <summary>A hard bound on the run, whatever the machine: the routes not reached count as too few requests (a failure).</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(35);

    [Fact]
    public async Task NoBadInputGetsA5xxOrAnythingButAProblemOrStoresAnything()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("TICKETS_FUZZ_SEED"), out var fixedSeed) ? fixedSeed : Random.Shared.Next();
        var random = new Random(seed);
        var fuzz = new Fuzz(random, fixture);
        var failures = new List<string>();
        var figures = new Dictionary<string, int>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var sent = 0;
        var serverErrors = 0;

        // Round after round over every route, so a run cut short by the budget still covers each route alike.
        var rounds = 0;
        // Nothing but the fuzzer writes to this host's store, so what one request left is what the next one finds.
        var stored = await fixture.FingerprintAsync();
        for (; rounds < CasesPerRoute && clock.Elapsed < Budget; rounds++)
        {
            foreach (var route in FunctionsMetadata.HttpRoutes)
            {
                using var attempt = await fuzz.NextAsync(route);
                if (attempt.Prepared) stored = await fixture.FingerprintAsync();
                var before = stored;
                using var response = await attempt.Client.SendAsync(attempt.Request);
                sent++;
                var status = (int)response.StatusCode;
                figures[attempt.Kind] = figures.GetValueOrDefault(attempt.Kind) + 1;

                var problem = await CheckAsync(response);
                var where = $"{route} [{attempt.Kind}] → {status}";
                if (problem is not null && IsRefusedByTheHttpServer(attempt.Request, response))
                {
                    // Not HTTP the server accepts (a NUL in the path, a request line over its limit): refused before the application.
                    problem = null;
                    figures["refused by Kestrel"] = figures.GetValueOrDefault("refused by Kestrel") + 1;
                }

                if (status >= 500)
                {
                    serverErrors++;
                    failures.Add($"{where}: a server error ({problem})");
                }
                else if (status >= 400 && problem is not null)
                {
                    failures.Add($"{where}: {problem}");
                }

                stored = await fixture.FingerprintAsync();
                if (status >= 400 && stored != before)
                    failures.Add($"{where}: refused, yet the store changed ({before} → {stored})");
                fuzz.Observe(route, status);
            }
        }

        var summary = $"fuzz seed {seed}: {sent} requests, {rounds} per route over {FunctionsMetadata.HttpRoutes.Count} routes in {clock.Elapsed.TotalSeconds:F1} s, "
            + $"{serverErrors} 5xx; inputs by kind: {string.Join(", ", figures.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key} {f.Value}"))}";
        // In the test log of scripts/test.sh (TestResults/dotnet-test.log), where SECURITY.md's figures come from.
        output.WriteLine(summary);
        Console.WriteLine(summary);

        Assert.True(failures.Count == 0, $"seed {seed} (replay with TICKETS_FUZZ_SEED={seed}):\n" + string.Join("\n", failures.Take(30)));
        Assert.True(rounds >= 12, $"Only {rounds} bad inputs per route fitted in the budget: the fuzzer proves too little. {summary}");
    }

    /// <summary>
    /// Kestrel refuses a request target with an encoded NUL (400) or a request line over its 8 KiB limit (414) itself, with
    /// an empty body, before any application code runs; Azure's front end does the same. Only these are excused.
    /// </summary>
    private static bool IsRefusedByTheHttpServer(HttpRequestMessage request, HttpResponseMessage response)
    {
        var target = request.RequestUri!.OriginalString;
        return response.Content.Headers.ContentLength is null or 0
            && (((int)response.StatusCode == 400 && target.Contains("%00", StringComparison.Ordinal))
                || ((int)response.StatusCode == 414 && target.Length > 8 * 1024));
    }

    /// <summary>Null when the response is as every refusal must be (status ≥ 400: a problem with the same status); else what is wrong.</summary>
    private static async Task<string?> CheckAsync(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status < 400) return null;
        // The client followed the API's redirect (GET /attachments/{id} answers 302 to Blob Storage): what the blob
        // service answers the fuzzed headers is not the API's answer, which was the redirect.
        if (response.RequestMessage?.RequestUri is { } answered && !answered.AbsolutePath.StartsWith("/api/", StringComparison.Ordinal)) return null;
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return $"content type {response.Content.Headers.ContentType?.MediaType ?? "none"}, not application/problem+json";
        try
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
            return problem.RootElement.TryGetProperty("status", out var s) && s.GetInt32() == status
                && problem.RootElement.TryGetProperty("title", out _) && problem.RootElement.TryGetProperty("traceId", out _)
                ? null
                : "a problem without status, title or trace id";
        }
        catch (JsonException)
        {
            return "a problem that is not JSON";
        }
    }
}
