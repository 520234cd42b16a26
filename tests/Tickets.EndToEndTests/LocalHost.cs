using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Tickets.Common;
using Tickets.DevHost;
using Tickets.EndToEndTests.Services;

namespace Tickets.EndToEndTests;

/// <summary>
/// The real local host — Kestrel on a free loopback port, a fresh store (<see cref="HostStore"/>: SQLite, or Cosmos),
/// demo accounts, its own Azurite queue service (so hosts never take each other's messages) and blob service (attachments), and, when asked, its own
/// SMTP sink — shared by the tests of one class. Tests talk to it over HTTP, and read or disturb its queues and mail through <see cref="Queues"/> and <see cref="Mail"/>.
/// </summary>
public sealed class LocalHost : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "tickets-e2e", Guid.NewGuid().ToString("N"));
    private WebApplication? _app;
    private AzuriteProcess? _queues;
    private AzuriteBlobProcess? _blobs;
    private SmtpSink? _mail;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The running host's services: what a test needs to run a timer function on demand, as the host's scheduler would.</summary>
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The host has not started.");

    /// <summary>The store this host runs on: the run's (<see cref="HostStore.Current"/>) unless a test names one.</summary>
    public HostStore Store { get; init; } = HostStore.Current;

    /// <summary>Extra configuration (e.g. assignment mode); set before the host starts.</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>
    /// host.json's <c>extensions.queues</c> for this host as a JSON object, e.g.
    /// <c>{ "visibilityTimeout": "00:00:01", "maxDequeueCount": 2 }</c>, so a retry or poison test takes seconds;
    /// unset, the repository's host.json applies. Set before the host starts.
    /// </summary>
    public string? QueueSettings { get; set; }

    /// <summary>The host's clock (every <c>TimeProvider</c> reading in it); unset, the system's. Set before the host starts.</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>Start an SMTP sink and point the host's e-mail at it; set before the host starts.</summary>
    public bool WithSmtpSink { get; set; }

    /// <summary>
    /// Also make the sink's support mailbox the host's: its address is <c>Tickets:Mail:SupportAddress</c> and the host polls
    /// it over IMAP (<c>MailboxPoll</c>) every 2 s; implies <see cref="WithSmtpSink"/>. Set before the host starts.
    /// </summary>
    public bool WithMailbox { get; set; }

    /// <summary>This host's Azurite: raw messages, counts, poison queues, freeze and thaw.</summary>
    public AzuriteProcess Queues => _queues ?? throw new InvalidOperationException("The host has not started.");

    /// <summary>This host's Azurite blob service: the attachments container.</summary>
    public AzuriteBlobProcess Blobs => _blobs ?? throw new InvalidOperationException("The host has not started.");

    /// <summary>The mail the host sent (only with <see cref="WithSmtpSink"/> or <see cref="WithMailbox"/>).</summary>
    public SmtpSink Mail => _mail ?? throw new InvalidOperationException($"Set {nameof(WithSmtpSink)} before the host starts to catch its mail.");

    /// <summary>Pauses this host's queue service (SIGSTOP): sends and polls hang until <see cref="ThawQueues"/>.</summary>
    public Task FreezeQueuesAsync()
    {
        Queues.Freeze();
        return Task.CompletedTask;
    }

    public void ThawQueues() => Queues.Thaw();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        var queues = AzuriteProcess.StartAsync();
        var blobs = AzuriteBlobProcess.StartAsync();
        var mail = WithSmtpSink || WithMailbox ? SmtpSink.StartAsync() : null;
        _queues = await queues;
        _blobs = await blobs;
        _mail = mail is null ? null : await mail;
        var args = new List<string>
        {
            "--urls=http://127.0.0.1:0",
            "--Tickets:DemoData=true",
            "--Logging:LogLevel:Default=Warning",
            $"--DevHost:WebRoot={Path.Combine(_dataDirectory, "no-web")}",
            $"--Tickets:Queues:Connection={_queues.ConnectionString}",
            $"--Tickets:Blobs:Connection={_blobs.ConnectionString}",
            // Tests register people and use them at once; the ones about verified registration turn it on in Settings.
            "--Tickets:Registration:VerifyEmail=false",
        };
        args.AddRange(Store.Arguments(_dataDirectory));
        if (QueueSettings is not null)
        {
            var hostJson = Path.Combine(_dataDirectory, "host.json");
            await File.WriteAllTextAsync(hostJson, $$"""{ "version": "2.0", "extensions": { "queues": {{QueueSettings}} } }""");
            args.Add($"--DevHost:HostJson={hostJson}");
        }

        if (_mail is not null)
        {
            args.Add("--Tickets:Smtp:Host=127.0.0.1");
            args.Add($"--Tickets:Smtp:Port={_mail.SmtpPort}");
            args.Add("--Tickets:Smtp:UseTls=false");
            if (WithMailbox)
            {
                args.Add($"--Tickets:Mail:SupportAddress={SmtpSink.SupportAddress}");
                args.AddRange(_mail.InboundSettings().Select(s => $"--{s.Key}={s.Value}"));
            }
        }

        args.AddRange(Settings.Select(s => $"--{s.Key}={s.Value}"));
        _app = DevHostApp.Create([.. args], Clock is { } clock ? services => services.AddSingleton(clock) : null);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await Store.DropAsync(_app.Services);
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_queues is not null) await _queues.DisposeAsync();
        if (_blobs is not null) await _blobs.DisposeAsync();
        if (_mail is not null) await _mail.DisposeAsync();

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still closing is left to the OS temp cleaner; the next run uses a new folder.
        }
    }

    /// <summary>An anonymous client.</summary>
    public HttpClient Client() => new() { BaseAddress = BaseAddress };

    /// <summary>A client signed in as the given account.</summary>
    public async Task<HttpClient> SignInAsync(string email, string password)
    {
        var client = Client();
        var response = await client.PostAsJsonAsync("api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("accessToken").GetString());
        return client;
    }

    public Task<HttpClient> AdminAsync() => SignInAsync("admin@tickets.local", "Admin123!demo");

    public Task<HttpClient> TechnicianAsync() => SignInAsync("tech@tickets.local", "Tech123!demo");

    public Task<HttpClient> UserAsync() => SignInAsync("user@tickets.local", "User123!demo");

    private int _sequence;

    /// <summary>Registers a fresh account and returns a client signed in as it, with its id.</summary>
    public async Task<(HttpClient Client, string Id, string Email)> NewUserAsync(string password = "Password123!")
    {
        var n = Interlocked.Increment(ref _sequence);
        var email = $"person{n}-{Guid.NewGuid():N}@example.org";
        var response = await Client().PostAsJsonAsync("api/auth/register", new
        {
            dni = Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
            phone = "+34 600 123 456",
            firstNames = "Persona",
            lastNames = $"De Prueba {n}",
            department = "Ventas",
            email,
            password,
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var user = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("user");
        return (await SignInAsync(email, password), user.GetProperty("id").GetString()!, email);
    }
}

public static class HttpAssertions
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(Json.Options);

    /// <summary>Asserts an RFC 9457 problem with the status and returns it.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        return problem;
    }

    public static string[] FieldErrors(this JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(p => p.Name).ToArray() : [];
}
