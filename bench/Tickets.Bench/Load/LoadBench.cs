using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.Data.Sqlite;
using Tickets.Common;
using Tickets.DevHost;
using Tickets.Messaging;
using Tickets.Startup;
using Tickets.Tickets;

namespace Tickets.Bench.Load;

/// <summary>
/// The load bench: the local host (Release, SQLite, its own process) and a separate minimal Kestrel app, both driven by
/// wrk in the same run; every operation reported as a ratio to both ceilings, with p50/p99, errors and bytes allocated
/// per request. Stores grow through the sizes; the first size gets every operation, the larger ones the lists.
/// </summary>
public static class LoadBench
{
    /// <summary>A warm-up run in which compiling took less than this share of the time counts as settled.</summary>
    private const double SettledCompiling = 0.01;

    /// <summary>Warm-up stops here even if the process is still compiling (said in the log).</summary>
    private static readonly TimeSpan MaxWarmUp = TimeSpan.FromSeconds(30);

    // Azurite's published development account key (the one UseDevelopmentStorage=true stands for), not a secret.
    private const string AzuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = LoadOptions.Parse(args);
        if (!Wrk.IsInstalled())
        {
            Console.Error.WriteLine("wrk is not installed: apt-get install -y wrk (bash bench/run.sh installs it).");
            return 2;
        }

        var root = RepositoryRoot();
        var hostDll = Path.Combine(root, "src", "Tickets.DevHost", "bin", Configuration(), "net10.0", "Tickets.DevHost.dll");
        if (!File.Exists(hostDll)) throw new FileNotFoundException($"Build the local host first: {hostDll} is missing.");
        var work = Path.Combine(Path.GetTempPath(), "tickets-bench", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Environment.ProcessId);
        Directory.CreateDirectory(work);
        Log($"Work folder (database, logs): {work}");

        var loadBefore = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
        var rows = new List<Row>();
        var memory = new List<(int Size, long Current, long Peak)>();

        await using var azurite = options.Azurite ? await StartAzuriteAsync(root, work) : null;
        var queues = azurite?.Connection ?? "UseDevelopmentStorage=true";

        var barePort = ChildProcess.FreePort();
        var bareLog = Path.Combine(work, "bare.log");
        await using var bare = ChildProcess.Start("dotnet", [typeof(LoadBench).Assembly.Location, "bare", "--urls", $"http://127.0.0.1:{barePort}"], bareLog, GcLike(hostDll));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var bareUri = new Uri($"http://127.0.0.1:{barePort}/");
        await bare.WaitUntilAsync(async () => (await http.GetAsync(new Uri(bareUri, "bare"))).IsSuccessStatusCode, TimeSpan.FromSeconds(60), "The minimal Kestrel app", bareLog);

        // One growing file through the sizes; then, when there are more than two, the second size (the smallest store
        // measured for lists only) once more on a copy kept of it, right after the largest: the two sizes back to back.
        var stages = options.Sizes.Select(size => (Size: size, Database: Path.Combine(work, "tickets.db"), Again: false)).ToList();
        var seededFirst = Path.Combine(work, "tickets-first-seeded.db");
        for (var s = 0; s < stages.Count; s++)
        {
            var (size, database, again) = stages[s];
            var full = s == 0;
            if (s == 1 && !options.Smoke)
            {
                // The first store's write operations made thousands of tickets and left their messages in the queues (SLA
                // checks due hours later, notifications still being handled). The next sizes grow from the first store as
                // seeded, with empty queues, so that a list at 10k is measured on 10k tickets and not against that backlog.
                CopyDatabase(seededFirst, database);
                if (azurite is not null) await azurite.ClearAsync();
            }

            if (s == 2 && !again)
            {
                var copy = Path.Combine(work, $"tickets-{stages[1].Size}.db");
                CopyDatabase(database, copy);
                stages.Add((stages[1].Size, copy, true));
            }

            var hostArguments = new[]
            {
                $"--Tickets:Sqlite:Path={database}",
                "--Tickets:DemoData=true",
                $"--Tickets:Queues:Connection={queues}",
                $"--DevHost:WebRoot={Path.Combine(work, "no-web")}",
                $"--{BenchEndpoints.EnabledKey}=true",
                "--Logging:LogLevel:Default=Warning",
                // wrk is one client address making every login: the per-address and global per-minute password budgets
                // (a product rule against guessing, tested in the suite) would answer most of the login run with 429.
                "--Tickets:Limits:PasswordAttemptsPerAddressPerMinute=1000000",
                "--Tickets:Limits:PasswordHashingPerMinute=1000000",
                // wrk is also one account per operation, at tens of thousands of requests a second: the per-account budgets
                // (also tested in the suite) are raised, still counted, so the bench measures their cost on every request.
                "--Tickets:Limits:RequestsPerUserPerMinute=100000000",
                "--Tickets:Limits:WritesPerUserPerMinute=100000000",
            };

            Log($"Seeding {size:N0} tickets…");
            var seeding = System.Diagnostics.Stopwatch.StartNew();
            var seeded = await BulkSeeder.SeedAsync(["--urls=http://127.0.0.1:0", .. hostArguments], size, Log);
            var count = seeded.Count;
            Log($"  {count:N0} tickets in {seeding.Elapsed.TotalSeconds:F0} s");
            var ids = await ReadIdsAsync(database);
            if (full) CopyDatabase(database, seededFirst);

            var port = ChildProcess.FreePort();
            var hostLog = Path.Combine(work, again ? $"host-{size}-again.log" : $"host-{size}.log");
            await using var host = ChildProcess.Start("dotnet", [hostDll, $"--urls=http://127.0.0.1:{port}", .. hostArguments], hostLog);
            var hostUri = new Uri($"http://127.0.0.1:{port}/");
            await host.WaitUntilAsync(async () => (await http.GetAsync(new Uri(hostUri, "bench/bare"))).IsSuccessStatusCode, TimeSpan.FromSeconds(120), "The local host", hostLog);

            var admin = await LoginAsync(http, hostUri, DemoAccounts.Admin);
            var tech = await LoginAsync(http, hostUri, DemoAccounts.Technician);
            var user = await LoginAsync(http, hostUri, DemoAccounts.User);
            var techId = await MeAsync(http, hostUri, tech);
            var statusIds = await ReadIdsAsync(database, "status = 'in_progress' AND assignee_id = $tech", techId);
            var store = again ? $"{count:N0} again, right after {options.Sizes[^1]:N0}" : $"{count:N0}";

            async Task<Row> Measure(string name, Uri target, Uri counters, IReadOnlyList<IReadOnlyList<BenchRequest>> groups, string? token, bool exclusive = false)
            {
                // A stateful sequence (status toggles) warms up on its own half of the groups: wrk starts each run from the first step.
                var warmUp = exclusive && groups.Count >= 4 * options.Connections ? groups.Take(groups.Count / 2).ToList() : groups;
                if (warmUp.Count != groups.Count) groups = groups.Skip(groups.Count / 2).ToList();
                var script = WrkScript.Create(groups, token, exclusive, options.Threads);
                if (options.WarmUpSeconds > 0)
                    await WarmUpAsync(name, target, counters, WrkScript.Create(warmUp, token, exclusive, options.Threads));
                else
                    await PrimeAsync(http, target, warmUp[0][0], token); // at least the first call's compilation stays out of the figure
                var before = await CountersAsync(http, counters);
                var result = await Wrk.RunAsync(target, script, options.Seconds, options.Connections, options.Threads, work);
                var after = await CountersAsync(http, counters);
                var allocated = result.Requests == 0 ? 0 : (after.AllocatedBytes - before.AllocatedBytes) / (double)result.Requests;
                var cpu = result.Requests == 0 ? 0 : (after.CpuMicroseconds - before.CpuMicroseconds) / (double)result.Requests;
                Log($"  {name,-40} {result.PerSecond,9:F0} req/s  p50 {result.P50Ms,7:F2} ms  p99 {result.P99Ms,7:F2} ms  errors {result.Errors}  {allocated / 1024,6:F1} KB/req  {cpu,6:F0} µs CPU/req");
                var row = new Row(store, name, result, allocated, cpu);
                rows.Add(row);
                return row;
            }

            // Warm-up runs of the operation until the process has stopped compiling it: the tiered JIT moves each method
            // through its tiers in the background, and a write touches more code than a read, so a fixed few seconds would
            // measure some operations half compiled (create: 251 µs of CPU per request after 3 s, 198 after 12). A run in
            // which compiling took under 1 % of the time counts as settled.
            async Task WarmUpAsync(string name, Uri target, Uri counters, string script)
            {
                var started = Stopwatch.StartNew();
                for (var run = 1; ; run++)
                {
                    var before = await CountersAsync(http, counters);
                    await Wrk.RunAsync(target, script, options.WarmUpSeconds, options.Connections, options.Threads, work);
                    var after = await CountersAsync(http, counters);
                    var compiling = (after.JitMicroseconds - before.JitMicroseconds) / (options.WarmUpSeconds * 1e6);
                    if (compiling < SettledCompiling)
                    {
                        if (run > 1) Log($"  {name}: warmed up for {started.Elapsed.TotalSeconds:F0} s until it stopped compiling");
                        return;
                    }

                    if (started.Elapsed >= MaxWarmUp)
                    {
                        Log($"  {name}: still compiling after {started.Elapsed.TotalSeconds:F0} s of warm-up ({compiling:P1} of the last run); measuring anyway");
                        return;
                    }
                }
            }

            // A fresh process compiles its hot paths in the background (tiered JIT); on a busy machine that takes a while.
            if (options.WarmUpSeconds > 0)
            {
                foreach (var path in new[] { "/api/tickets", $"/api/tickets/{ids[0]}" })
                    await Wrk.RunAsync(new Uri(hostUri, path), WrkScript.Create([[new BenchRequest("GET", path)]], admin, false, options.Threads), 3, options.Connections, options.Threads, work);
            }

            Log($"Measuring with {count:N0} tickets ({options.Seconds} s each, wrk -t{options.Threads} -c{options.Connections})");
            IReadOnlyList<IReadOnlyList<BenchRequest>> Get(string path) => [[new BenchRequest("GET", path)]];
            var kestrel = await Measure("bare: minimal Kestrel app", new Uri(bareUri, "bare"), new Uri(bareUri, "bench/counters"), Get("/bare"), null);
            var pipeline = await Measure("bare: endpoint in the local host", new Uri(hostUri, "bench/bare"), new Uri(hostUri, "bench/counters"), Get("/bench/bare"), null);
            var hostCounters = new Uri(hostUri, "bench/counters");
            Task Host(string name, IReadOnlyList<IReadOnlyList<BenchRequest>> groups, string? token, bool exclusive = false) =>
                options.Only.Count == 0 || options.Only.Any(o => name.Contains(o, StringComparison.OrdinalIgnoreCase))
                    ? Measure(name, hostUri, hostCounters, groups, token, exclusive)
                    : Task.CompletedTask;

            if (full)
            {
                await Host("get ticket", ids.Select(id => (IReadOnlyList<BenchRequest>)[new BenchRequest("GET", $"/api/tickets/{id}")]).ToList(), admin);
            }

            await Host("list: default (25, newest first)", Get("/api/tickets"), admin);
            if (options.Smoke)
            {
                // The test suite's smoke run: one read, a list and its deep page (the seeded cursor must be one the API
                // accepts: a refused cursor measures a 400), one write are enough to prove the driver.
                await Host($"list: deep page ({seeded.MiddlePage:N0} of 25) by cursor", Get($"/api/tickets?cursor={Uri.EscapeDataString(seeded.MiddleCursor)}"), admin);
                await Host("create ticket", Enumerable.Range(0, 10).Select(n => (IReadOnlyList<BenchRequest>)[new BenchRequest("POST", "/api/tickets",
                    Body(new { title = $"No arranca el equipo {n}", description = "Se queda en la pantalla del fabricante.", priority = "medium" }))]).ToList(), user);
                memory.Add((size, host.Memory().Current, host.Memory().Peak));
                foreach (var row in rows.Where(r => r.Store == store && r.Kestrel is null)) row.Compare(kestrel.Result, pipeline.Result);
                continue;
            }

            await Host("list: filtered (status, priority, sort)", Get("/api/tickets?status=open,in_progress&priority=high,critical&sort=-priority"), admin);
            await Host("list: search q", Get("/api/tickets?q=impresora"), admin);
            await Host($"list: deep page ({seeded.MiddlePage:N0} of 25) by cursor", Get($"/api/tickets?cursor={Uri.EscapeDataString(seeded.MiddleCursor)}"), admin);
            await Host("list: by tag (1 in 20)", Get($"/api/tickets?tag={BulkSeeder.BenchTag}"), admin);
            // Reports aggregate the report projection over a creation range: the default month (the seeded tickets end three
            // weeks before the run, so it holds about a week of them) at every size; a whole year (every seeded ticket),
            // unfiltered and narrowed to one category, only up to 10k: the projection is summed per request, and a year of
            // a million tickets takes longer than the driver waits (bench/README.md, "Reports").
            await Host("reports: summary (last 30 days)", Get("/api/reports/summary"), admin);
            if (size <= 10_000)
            {
                var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var yearAgo = DateTime.UtcNow.AddDays(-365).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                await Host("reports: summary (a year)", Get($"/api/reports/summary?from={yearAgo}&to={today}"), admin);
                await Host("reports: summary (a year, one category)", Get($"/api/reports/summary?from={yearAgo}&to={today}&category=hardware"), admin);
            }

            if (full)
            {
                await Host("notifications list", Get("/api/notifications"), admin);
                // One account per wrk connection, and never two logins of one account at once (exclusive): a login
                // writes its account (last login), so one account logging in 16 times at once measures its own contention.
                await Host("login", Enumerable.Range(0, BulkSeeder.LoginAccounts).Select(n => (IReadOnlyList<BenchRequest>)
                    [new BenchRequest("POST", "/api/auth/login", Body(new { email = BulkSeeder.LoginEmail(n), password = DemoAccounts.User.Password }), BulkSeeder.LoginEmail(n))]).ToList(),
                    null, exclusive: true);
                await Host("create ticket", Enumerable.Range(0, 100).Select(n => (IReadOnlyList<BenchRequest>)[new BenchRequest("POST", "/api/tickets",
                    Body(new { title = $"No arranca el equipo {n}", description = "Al encenderlo se queda en la pantalla del fabricante.", priority = "medium", category = "hardware" }))]).ToList(), user);
                await Host("comment", ids.Select(id => (IReadOnlyList<BenchRequest>)[new BenchRequest("POST", $"/api/tickets/{id}/comments",
                    Body(new { body = "Revisado: pendiente de la pieza de repuesto." }))]).ToList(), admin);
                // Each wrk thread owns its tickets and moves each one in_progress → on_hold → in_progress on successive
                // visits, never visiting a ticket whose previous move is still in flight (exclusive).
                await Host("status change", statusIds.Select(id => (IReadOnlyList<BenchRequest>)
                [
                    new BenchRequest("PUT", $"/api/tickets/{id}/status", Body(new { status = "on_hold", note = "Esperando al usuario." }), id),
                    new BenchRequest("PUT", $"/api/tickets/{id}/status", Body(new { status = "in_progress" }), id),
                ]).ToList(), tech, exclusive: true);
            }

            var (current, peak) = host.Memory();
            if (!again) memory.Add((size, current, peak));
            Log($"  local host working set {current / 1048576.0:F0} MiB (peak {peak / 1048576.0:F0} MiB)");
            foreach (var row in rows.Where(r => r.Store == store && r.Kestrel is null)) row.Compare(kestrel.Result, pipeline.Result);
        }

        var loadAfter = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
        var table = Report.Markdown(options, rows, memory, loadBefore, loadAfter);
        Console.WriteLine();
        Console.WriteLine(table);
        if (options.Output is { } output) await File.WriteAllTextAsync(output, table);
        if (options.WriteReadme) Report.IntoReadme(Path.Combine(root, "bench", "README.md"), table);
        return rows.Any(r => r.Result.Errors > 0) ? 1 : 0;
    }

    private static string Body(object value) => JsonSerializer.Serialize(value);

    /// <summary>A closed SQLite file with its WAL (no process has it open between stages), copied over <paramref name="to"/>'s.</summary>
    private static void CopyDatabase(string from, string to)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            if (File.Exists(from + suffix)) File.Copy(from + suffix, to + suffix, overwrite: true);
            else File.Delete(to + suffix);
        }
    }

    private static async Task PrimeAsync(HttpClient http, Uri target, BenchRequest first, string? token)
    {
        using var request = new HttpRequestMessage(new HttpMethod(first.Method), new Uri(target, first.Path));
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (first.Body is not null) request.Content = new StringContent(first.Body, Encoding.UTF8, "application/json");
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
    }

    private static async Task<string> LoginAsync(HttpClient http, Uri host, Users.CreateUserRequest account)
    {
        var response = await http.PostAsJsonAsync(new Uri(host, "api/auth/login"), new { email = account.Email, password = account.Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static async Task<string> MeAsync(HttpClient http, Uri host, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host, "api/me"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.TryGetProperty("user", out var user) ? user : body).GetProperty("id").GetString()!;
    }

    /// <summary>The serving process's bytes allocated, CPU time used (user and system, every thread) and time spent compiling, since it started.</summary>
    private static async Task<(long AllocatedBytes, long CpuMicroseconds, long JitMicroseconds)> CountersAsync(HttpClient http, Uri counters)
    {
        var body = await http.GetFromJsonAsync<JsonElement>(counters);
        return (body.GetProperty("allocatedBytes").GetInt64(), body.GetProperty("cpuMicroseconds").GetInt64(), body.GetProperty("jitMicroseconds").GetInt64());
    }

    /// <summary>Up to 2,000 of the newest visible tickets matching <paramref name="where"/>, for rotating requests.</summary>
    private static async Task<IReadOnlyList<string>> ReadIdsAsync(string database, string where = "1 = 1", string? tech = null)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id FROM tickets WHERE deleted = 0 AND {where} ORDER BY number DESC LIMIT 2000";
        if (tech is not null) command.Parameters.AddWithValue("$tech", tech);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }

    private sealed record Azurite(ChildProcess Process, string Connection) : IAsyncDisposable
    {
        /// <summary>Empties every queue (messages of writes whose store was put back as it was before them).</summary>
        public async Task ClearAsync()
        {
            var service = new Azure.Storage.Queues.QueueServiceClient(Connection);
            await foreach (var queue in service.GetQueuesAsync()) await service.GetQueueClient(queue.Name).ClearMessagesAsync();
        }

        public ValueTask DisposeAsync() => Process.DisposeAsync();
    }

    /// <summary>
    /// Azurite's queue service (the outbox really sends), the version pinned in <c>scripts/services</c> that the tests and
    /// <c>scripts/run.sh</c> use (<c>bench/run.sh</c> installs it); or null without node or that install: then messages
    /// stay in the outbox.
    /// </summary>
    private static async Task<Azurite?> StartAzuriteAsync(string root, string work)
    {
        var main = Path.Combine(root, "scripts", "services", "node_modules", "azurite", "dist", "src", "queue", "main.js");
        if (Wrk.Which("node") is null || !File.Exists(main))
        {
            Log($"node or {main} not found (bash scripts/services.sh install): running without a queue service (outbox messages stay pending).");
            return null;
        }

        var port = ChildProcess.FreePort();
        var log = Path.Combine(work, "azurite.log");
        var process = ChildProcess.Start("node", [main, "--queueHost", "127.0.0.1", "--queuePort", $"{port}",
            "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--silent", "--loose"], log);
        var connection = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteKey};QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
        // Probed without the SDK's retries: a refused connection means "not yet", and the wait below tries again.
        var client = new QueueServiceClient(connection, new QueueClientOptions { Retry = { MaxRetries = 0 } });
        await process.WaitUntilAsync(async () =>
        {
            foreach (var queue in QueueNames.All) await client.GetQueueClient(queue).CreateIfNotExistsAsync();
            return true;
        }, TimeSpan.FromSeconds(60), "Azurite", log);
        return new Azurite(process, connection);
    }

    /// <summary>The minimal app runs with the local host's GC mode, so the two ceilings differ only in what they do.</summary>
    private static Dictionary<string, string> GcLike(string hostDll)
    {
        var config = File.ReadAllText(Path.ChangeExtension(hostDll, ".runtimeconfig.json"));
        return new Dictionary<string, string> { ["DOTNET_gcServer"] = config.Contains("\"System.GC.Server\": true", StringComparison.Ordinal) ? "1" : "0" };
    }

    private static string Configuration() =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";

    private static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
                if (File.Exists(Path.Combine(directory.FullName, "TicketSystem.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException("Run the bench inside the repository (TicketSystem.sln not found).");
    }

    private static void Log(string line) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");
}
