using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Tickets.Functions.Attachments;
using Tickets.Functions.Http;
using Tickets.Functions.OpenApi;

namespace Tickets.UnitTests.Functions;

public sealed class ApiDocumentTests
{
    private static readonly OpenApiDocument Document = Read(ApiDocument.Json).Document!;

    [Fact]
    public void EveryHttpFunctionIsInTheDocumentWithItsMethods()
    {
        var expected = FunctionCatalog.All.SelectMany(f => f.Methods.Select(m => $"{m} /{f.Route} {f.Name}")).Order(StringComparer.Ordinal);
        var documented = Document.Paths.SelectMany(p => p.Value.Operations!.Select(o => $"{o.Key.Method} {p.Key} {o.Value.OperationId}")).Order(StringComparer.Ordinal);

        Assert.Equal(expected, documented);
    }

    [Fact]
    public void TheDocumentIsValidOpenApi31()
    {
        var (_, diagnostic) = Read(ApiDocument.Json);

        Assert.Empty(diagnostic!.Errors.Select(e => $"{e.Pointer}: {e.Message}"));
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic.SpecificationVersion);
    }

    [Fact]
    public void EveryFunctionThatNeedsATokenRequiresTheBearerScheme()
    {
        var mismatched = FunctionCatalog.All
            .Where(f => (f.Access != Who.Anyone) != (Operation(f).Security is { Count: > 0 }))
            .Select(f => f.Name);

        Assert.Empty(mismatched);
    }

    [Fact]
    public void EveryAnswerToASignedInCallerIsDocumentedWithTheRateLimitFieldsAndA429()
    {
        var missing = FunctionCatalog.All.Where(f => f.Access != Who.Anyone).SelectMany(f =>
        {
            var responses = Operation(f).Responses!;
            var without = responses.Where(r => r.Key is not ("401" or "default"))
                .Where(r => r.Value.Headers is not { } h || !h.ContainsKey("RateLimit-Policy") || !h.ContainsKey("RateLimit"))
                .Select(r => $"{f.Name} {r.Key}");
            var retry = responses.TryGetValue("429", out var tooMany) && tooMany.Headers?.ContainsKey("Retry-After") == true;
            return retry ? without : [.. without, $"{f.Name} 429 with Retry-After"];
        });

        Assert.Empty(missing);
    }

    [Fact]
    public void AnswersToStrangersCarryNoRateLimitFields()
    {
        var carrying = FunctionCatalog.All.Where(f => f.Access == Who.Anyone)
            .SelectMany(f => Operation(f).Responses!.Where(r => r.Value.Headers?.ContainsKey("RateLimit") == true).Select(r => $"{f.Name} {r.Key}"));

        Assert.Empty(carrying);
    }

    [Fact]
    public void EveryHttpFunctionDeclaresWhatItAnswers()
    {
        var undeclared = FunctionCatalog.All.Where(f => !f.Method.IsDefined(typeof(ReturnsAttribute))).Select(f => f.Name);

        Assert.Empty(undeclared);
    }

    [Fact]
    public void AFunctionThatDoesNotDeclareWhatItAnswersStopsTheDocument()
    {
        var method = typeof(UndeclaredFunction).GetMethod(nameof(UndeclaredFunction.Run))!;
        var function = new HttpFunction("Undeclared", method, "undeclared", ["GET"], Who.Anyone);

        var refused = Assert.Throws<InvalidOperationException>(() => ApiDocument.Build([.. FunctionCatalog.All, function]));

        Assert.Contains("Undeclared", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>What a function declares it reads (body type, query record, If-Match, If-None-Match, Idempotency-Key) is what its code reads.</summary>
    [Fact]
    public void EveryFunctionReadsExactlyWhatItDeclares()
    {
        static string Reads(Type? body, Type? query, RequestHeaders headers) => $"body={body?.Name} query={query?.Name} headers={headers}";

        var declared = FunctionCatalog.All.OrderBy(f => f.Name).Select(f =>
        {
            var accepts = f.Method.GetCustomAttribute<AcceptsAttribute>() ?? new AcceptsAttribute();
            return $"{f.Name}: {Reads(accepts.Body, accepts.Query, accepts.Headers)}";
        });
        var read = FunctionCatalog.All.OrderBy(f => f.Name).Select(f =>
        {
            var calls = MethodCalls.Of(f.Method);
            Type? Generic(Type owner, params string[] names) =>
                calls.OfType<MethodInfo>().Where(c => c.DeclaringType == owner && names.Contains(c.Name) && c.IsGenericMethod)
                    .Select(c => c.GetGenericArguments()[0]).Distinct().SingleOrDefault();
            var headers = RequestHeaders.None;
            if (calls.Any(c => c.DeclaringType == typeof(Preconditions) && c.Name == nameof(Preconditions.IfMatch))) headers |= RequestHeaders.IfMatch;
            if (calls.Any(c => c.DeclaringType == typeof(IdempotentRequests) && c.Name == nameof(IdempotentRequests.RunAsync))) headers |= RequestHeaders.IdempotencyKey;
            if (calls.Any(c => (c.DeclaringType == typeof(Preconditions) && c.Name == nameof(Preconditions.IfNoneMatch))
                || (c.DeclaringType == typeof(Api) && c.Name == nameof(Api.ConditionalAsync)))) headers |= RequestHeaders.IfNoneMatch;
            var text = calls.Any(c => c.DeclaringType == typeof(RequestBody) && c.Name == nameof(RequestBody.ReadTextAsync)) ? typeof(string) : null;
            var file = calls.Any(c => c.DeclaringType == typeof(FileUpload) && c.Name == nameof(FileUpload.WithFileAsync)) ? typeof(FileForm) : null;
            // The signed webhook reads the raw message and its two signature headers.
            var signed = calls.Any(c => c.DeclaringType == typeof(global::Tickets.Inbound.InboundWebhook) && c.Name == nameof(global::Tickets.Inbound.InboundWebhook.AcceptAsync));
            if (signed) headers |= RequestHeaders.WebhookSignature;
            return $"{f.Name}: {Reads(Generic(typeof(RequestBody), "WithJsonAsync", "ReadJsonAsync") ?? text ?? file ?? (signed ? typeof(string) : null), Generic(typeof(QueryBinding), "QueryAs"), headers)}";
        });

        var mismatches = declared.Zip(read).Where(p => p.First != p.Second).Select(p => $"declared {p.First}, reads {p.Second}");

        Assert.Empty(mismatches);
    }

    [Fact]
    public void HistoryEventsAreDocumentedWithThePayloadOfEachType()
    {
        var variants = ((IOpenApiSchema)Document.Components!.Schemas!["TicketEvent"]).OneOf!;

        var pairs = variants.Select(v => $"{v.Properties!["type"].Enum![0]} → {((OpenApiSchemaReference)v.Properties["data"]).Reference.Id}");

        Assert.Contains("assigned → AssignedData", pairs);
        Assert.Equal(Enum.GetValues<global::Tickets.Tickets.TicketEventType>().Length, variants.Count);
    }

    [Fact]
    public void TheTicketExportAnswersACsvAttachment()
    {
        var ok = Operation(FunctionCatalog.Find("ExportTickets")!).Responses!["200"];

        Assert.Equal(["text/csv"], ok.Content!.Keys);
        Assert.True(ok.Headers!.ContainsKey("Content-Disposition"));
    }

    private static OpenApiOperation Operation(HttpFunction function) =>
        Document.Paths["/" + function.Route].Operations![new HttpMethod(function.Methods[0])];

    private static ReadResult Read(string json) => OpenApiDocument.Parse(json, "json");

    private sealed class UndeclaredFunction
    {
        [Function("Undeclared")]
        [Access(Who.Anyone)]
        public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "undeclared")] HttpRequest request) => Api.NoContent();
    }
}
