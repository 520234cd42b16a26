using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Tickets.Functions;
using Tickets.Functions.Http;

var builder = FunctionsApplication.CreateBuilder(args);

// ASP.NET Core integration: HttpRequest in, IActionResult out. Registered before our own middleware.
builder.ConfigureFunctionsWebApplication();

// Authorization declared per function and the 500 problem mapping, for HTTP triggers.
builder.UseMiddleware<HttpGateMiddleware>();

// Everything else: one composition shared with the local host and the tests.
builder.Services.AddTicketsFunctions(builder.Configuration);

builder.Build().Run();
