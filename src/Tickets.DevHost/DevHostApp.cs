using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.FileProviders;
using Scalar.AspNetCore;
using Tickets.Common;
using Tickets.CosmosDbServer;
using Tickets.DevHost.Triggers;
using Tickets.Functions;
using Tickets.Functions.Http;
using Tickets.Functions.Triggers;
using Tickets.Startup;

namespace Tickets.DevHost;

/// <summary>
/// Runs the function classes of Tickets.Functions on Kestrel, for machines without the Functions host.
/// Routes, methods and access rules come from the functions' own attributes; the same composition and the
/// same gate (authorization, error mapping) as in the Functions worker.
/// </summary>
public static partial class DevHostApp
{
    public const string DefaultUrl = "http://localhost:7071";

    /// <param name="args">Command-line configuration (<c>--Key=value</c>).</param>
    /// <param name="configureServices">Registrations that go first, so the composition keeps them (a test's clock).</param>
    public static WebApplication Create(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var root = RepositoryRoot();

        // Local defaults sit underneath appsettings, environment variables and --Key=value arguments.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["urls"] = DefaultUrl,
                ["Tickets:Store"] = "Sqlite",
                ["Tickets:Sqlite:Path"] = Path.Combine(root, ".data", "tickets.db"),
                ["Tickets:DemoData"] = "true",
                ["Tickets:Outbox:RelaySchedule"] = "*/10 * * * * *",
                ["Tickets:Sla:SweepSchedule"] = "0 */5 * * * *",
                ["Tickets:AutoCloseSchedule"] = "0 */10 * * * *",
                ["Tickets:Audit:SweepSchedule"] = "0 */5 * * * *",
                ["Tickets:Notifications:EmailSweepSchedule"] = "0 * * * * *",
                // The demo's SLA: critical around the clock, the rest in Madrid office hours.
                ["Tickets:Sla:Calendar:TimeZone"] = "Europe/Madrid",
                ["Tickets:Sla:High:Calendar"] = "business",
                ["Tickets:Sla:Medium:Calendar"] = "business",
                ["Tickets:Sla:Low:Calendar"] = "business",
                // Room for a whole test suite from one address and a few accounts; the per-account password limit stays as everywhere.
                ["Tickets:Limits:PasswordAttemptsPerAddressPerMinute"] = "3000",
                ["Tickets:Limits:PasswordHashingPerMinute"] = "6000",
                ["Tickets:Limits:RequestsPerUserPerMinute"] = "100000",
                ["Tickets:Limits:WritesPerUserPerMinute"] = "20000",
                ["Tickets:Limits:LookupsPerUserPerMinute"] = "1000",
                ["DevHost:WebRoot"] = Path.Combine(root, "web", "dist"),
                // Azurite on its default port (scripts/run.sh starts it); the queues are created at start.
                ["Tickets:Queues:Connection"] = "UseDevelopmentStorage=true",
                ["Tickets:Queues:CreateIfNotExists"] = "true",
                // Azurite's blob service on its default port (scripts/run.sh starts it); the attachments container is created at start.
                ["Tickets:Blobs:Connection"] = "UseDevelopmentStorage=true",
                ["Tickets:Blobs:CreateIfNotExists"] = "true",
                ["Tickets:Attachments:SweepSchedule"] = "0 */5 * * * *",
                // The local mailbox (smtp4dev) is polled often, so a mail sent to it becomes a ticket in seconds.
                ["Tickets:Inbound:PollSchedule"] = "*/10 * * * * *",
                ["Tickets:Inbound:SweepSchedule"] = "0 */5 * * * *",
                [TriggerHost.EnabledKey] = "true",
                [TriggerHost.HostJsonKey] = HostJsonPath(root),
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            },
        });
        AddDevelopmentSigningKey(builder.Configuration);

        configureServices?.Invoke(builder.Services);
        // Queues first (Tickets:Queues:CreateIfNotExists), so demo data and the outbox find them at start.
        builder.Services.AddQueueProvisioning();
        builder.Services.AddTicketsFunctions(builder.Configuration);
        // The Cosmos adapter on a local engine (scripts/run.sh --store cosmos, docs/cosmos.md): @vercel/cosmosdb-server needs
        // the SDK shims; the emulator needs Gateway mode and its self-signed certificate accepted.
        if (builder.Configuration.GetValue("DevHost:CosmosDbServer", false))
            builder.Services.AddCosmosDbServerCompatibility();
        else if (builder.Configuration.GetValue("DevHost:CosmosEmulator", false))
            builder.Services.AddCosmosEmulatorCertificateTrust();
        // Queue- and timer-triggered functions, polled and scheduled with host.json's settings.
        builder.Services.AddFunctionTriggers(TriggerCatalog.Functions);
        builder.Services.AddHostedService<StartupBanner>();

        var app = builder.Build();
        // Attachments' images load from the blob endpoint's short links: Azurite's origin joins img-src (Azure's is in the
        // policy already). Resolved on the first answer, after start-up validation has named a missing connection.
        var webHeaders = new Lazy<(IReadOnlyDictionary<string, string> Plain, IReadOnlyDictionary<string, string> Https)>(() =>
        {
            var endpoint = app.Services.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>().Uri;
            return endpoint.Host.EndsWith(".blob.core.windows.net", StringComparison.OrdinalIgnoreCase)
                ? (SecurityHeaders.Web, SecurityHeaders.WebOverHttps)
                : (SecurityHeaders.WebWithImagesFrom(SecurityHeaders.Web, endpoint), SecurityHeaders.WebWithImagesFrom(SecurityHeaders.WebOverHttps, endpoint));
        });
        // The security headers on every answer: the API's under /api, the web's elsewhere (as the worker's gate middleware and staticwebapp.config.json do in Azure).
        app.Use((http, next) =>
        {
            SecurityHeaders.Apply(http.Response, HeadersFor(http.Request, webHeaders.Value));
            return next(http);
        });
        app.ServeWebFrontEnd(builder.Configuration["DevHost:WebRoot"]!);
        app.UseRouting();
        app.MapFunctions();
        // Only for bench/: a bare endpoint in this pipeline and the process's counters.
        if (builder.Configuration.GetValue(BenchEndpoints.EnabledKey, false))
            app.MapBenchEndpoints();
        // The interactive API reference, over the document the OpenApiDocument function serves (assets are bundled, no CDN).
        app.MapScalarApiReference("/api/docs", options => options
            .WithTitle("Tickets API").WithOpenApiRoutePattern("/api/openapi.json")
            .DisableDefaultFonts().DisableAgent().HideDeveloperTools().HideClientButton());
        return app;
    }

    /// <summary>
    /// The API reference (a page of the local host only) starts Scalar with an inline module script, which evaluates code and styles itself inline:
    /// it gets the web's headers with a policy that allows that, and nothing else the web's does not.
    /// </summary>
    private static readonly Dictionary<string, string> ApiReferenceHeaders = new(SecurityHeaders.Web, StringComparer.OrdinalIgnoreCase)
    {
        ["Content-Security-Policy"] = SecurityHeaders.WebPolicy
            .Replace("script-src 'self'", "script-src 'self' 'unsafe-inline' 'unsafe-eval'", StringComparison.Ordinal)
            .Replace("style-src 'self'", "style-src 'self' 'unsafe-inline'", StringComparison.Ordinal),
    };

    private static IReadOnlyDictionary<string, string> HeadersFor(
        HttpRequest request, (IReadOnlyDictionary<string, string> Plain, IReadOnlyDictionary<string, string> Https) web) =>
        request.Path.StartsWithSegments("/api/docs") ? ApiReferenceHeaders
        : request.Path.StartsWithSegments("/api") ? SecurityHeaders.Api
        : request.IsHttps ? web.Https
        : web.Plain;

    /// <summary>The folder holding TicketSystem.sln (so `dotnet run` from anywhere uses one .data/), else the current one.</summary>
    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TicketSystem.sln"))) return directory.FullName;
        }

        return Directory.GetCurrentDirectory();
    }

    /// <summary>The Functions app's host.json: the repository's own, else the copy in the build output.</summary>
    private static string HostJsonPath(string root)
    {
        var atRoot = Path.Combine(root, "host.json");
        return File.Exists(atRoot) ? atRoot : Path.Combine(AppContext.BaseDirectory, "host.json");
    }

    /// <summary>
    /// Without configured signing keys the local host makes one and keeps it beside the database, so tokens
    /// survive restarts. Production configuration never reaches this: keys come from Key Vault there.
    /// </summary>
    private static void AddDevelopmentSigningKey(ConfigurationManager configuration)
    {
        if (!string.IsNullOrEmpty(configuration["Tickets:Jwt:SigningKeys:0:Key"])) return;

        var dataDirectory = Path.GetDirectoryName(Path.GetFullPath(configuration["Tickets:Sqlite:Path"]!))!;
        Directory.CreateDirectory(dataDirectory);
        var keyFile = Path.Combine(dataDirectory, "dev-signing-key");
        if (!File.Exists(keyFile))
            File.WriteAllText(keyFile, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tickets:Jwt:SigningKeys:0:Id"] = "dev",
            ["Tickets:Jwt:SigningKeys:0:Key"] = File.ReadAllText(keyFile).Trim(),
        });
    }

    private static void ServeWebFrontEnd(this WebApplication app, string webRoot)
    {
        var root = Path.GetFullPath(webRoot);
        if (!File.Exists(Path.Combine(root, "index.html")))
        {
            LogNoFrontEnd(app.Logger, root);
            return;
        }

        var files = new PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });

        // Client-side routes (e.g. /tickets/TCK-000001) load the app. Files are served above, before routing;
        // /api/... is matched by the API's own routes, which always win over a fallback.
        app.MapFallback("{*path:nonfile}", async context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.SendFileAsync(files.GetFileInfo("index.html"));
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No web front end at {WebRoot}: build it with 'npm --prefix web ci && npm --prefix web run build'")]
    private static partial void LogNoFrontEnd(ILogger logger, string webRoot);

    /// <summary>Prints where the host listens and, with demo data, who can sign in.</summary>
    private sealed class StartupBanner(IHostApplicationLifetime lifetime, IServer server, IConfiguration configuration) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.ApplicationStarted.Register(() =>
            {
                var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
                Console.WriteLine();
                Console.WriteLine("Tickets local host is running:");
                foreach (var address in addresses)
                    Console.WriteLine($"  web  {address}/    api  {address}/api/health");
                if (configuration["DevHost:MailInbox"] is { Length: > 0 } inbox)
                    Console.WriteLine($"  mail {inbox}  (every e-mail the host sends, caught by the local SMTP sink)");
                if (configuration.GetValue("Tickets:DemoData", false))
                {
                    Console.WriteLine("Demo accounts:");
                    foreach (var account in DemoAccounts.All)
                        Console.WriteLine($"  {Json.EnumName(account.Role!.Value),-11} {account.Email,-22} {account.Password}");
                }

                Console.WriteLine();
            });
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
