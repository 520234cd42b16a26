using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);

// ASP.NET Core integration: HttpRequest in, IActionResult out, before our own middleware.
builder.ConfigureFunctionsWebApplication();

builder.Build().Run();
