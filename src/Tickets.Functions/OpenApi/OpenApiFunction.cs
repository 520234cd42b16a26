using System.ComponentModel;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tickets.Functions.Http;

namespace Tickets.Functions.OpenApi;

public sealed class OpenApiFunction
{
    private static readonly Lazy<JsonElement> Document = new(() => JsonDocument.Parse(ApiDocument.Json).RootElement.Clone());

    [Function("OpenApiDocument")]
    [Access(Who.Anyone)]
    [Returns(200, typeof(JsonElement))]
    [Description("This document: the OpenAPI 3.1 description of the API, generated from the functions' declarations.")]
    public IActionResult Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request) =>
        Api.Ok(Document.Value);
}
