using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tickets.Functions;
using Tickets.Functions.Http;

var builder = FunctionsApplication.CreateBuilder(args);

// In Azure the store is Cosmos DB unless configuration says otherwise (local.settings.json may pick Sqlite).
builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
{
    InitialData = new Dictionary<string, string?> { ["Tickets:Store"] = "Cosmos" },
});

// ASP.NET Core integration: HttpRequest in, IActionResult out. Registered before our own middleware.
builder.ConfigureFunctionsWebApplication();

// Authorization declared per function and the 500 problem mapping, for HTTP triggers.
builder.UseMiddleware<HttpGateMiddleware>();

// Everything else: one composition shared with the local host and the tests.
builder.Services.AddTicketsFunctions(builder.Configuration);

// Traces and logs through OpenTelemetry (host.json telemetryMode), exported to Application Insights in Azure,
// which accepts only Entra-authenticated telemetry: the exporter signs in with the app's managed identity.
var telemetry = builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults();
if (!string.IsNullOrEmpty(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
    telemetry.UseAzureMonitorExporter(options => options.Credential = new DefaultAzureCredential());

builder.Build().Run();
