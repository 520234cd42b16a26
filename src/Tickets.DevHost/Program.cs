using Tickets.DevHost;
using Tickets.Functions.OpenApi;

// `--openapi` prints the API's OpenAPI document and exits (scripts/api-types.sh generates the web's types from it).
if (args is ["--openapi"])
{
    Console.Out.Write(ApiDocument.Json);
    return;
}

var app = DevHostApp.Create(args);
await app.RunAsync();
