using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Tickets.Common;
using Tickets.Functions.Http;

namespace Tickets.Functions.OpenApi;

/// <summary>
/// The API's OpenAPI 3.1 document, built from the function catalog: each HTTP function's route and methods, its
/// <see cref="AccessAttribute"/> (the bearer requirement; for a signed-in caller the per-account budgets: the 429 and the
/// RateLimit fields on every answer after authentication), <see cref="AcceptsAttribute"/> (body, query record,
/// headers), <see cref="ReturnsAttribute"/> and <see cref="FailsAttribute"/>, with the JSON schemas of the records
/// involved. A function added to the catalog appears here without further work.
/// </summary>
public static class ApiDocument
{
    public const string BearerScheme = "bearer";

    private const string ProblemMediaType = "application/problem+json";
    private const string JsonMediaType = "application/json";
    private const string MultipartMediaType = "multipart/form-data";

    private static readonly Lazy<string> Text = new(() => Serialize(Build()));

    /// <summary>The document as JSON, built once.</summary>
    public static string Json => Text.Value;

    public static OpenApiDocument Build() => Build(FunctionCatalog.All);

    internal static OpenApiDocument Build(IEnumerable<HttpFunction> functions)
    {
        var schemas = new JsonSchemas();
        var document = new OpenApiDocument
        {
            Info = new OpenApiInfo
            {
                Title = "Tickets API",
                Version = "1",
                Description = "A help-desk ticket system. JSON in and out (camelCase, UTC ISO-8601, enums as lower-case strings); "
                    + "failures are RFC 9457 problems with a stable code. See docs/architecture.md in the repository.",
            },
            Servers = [new OpenApiServer { Url = "/api" }],
            Paths = [],
            Components = new OpenApiComponents
            {
                Schemas = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal),
                SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
                {
                    [BearerScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http,
                        Scheme = "bearer",
                        BearerFormat = "JWT",
                        Description = "The accessToken of POST /auth/login or /auth/refresh.",
                    },
                },
                Headers = new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal)
                {
                    [AccountRateLimits.PolicyHeader] = OperationBuilder.Header(
                        "The caller's budgets (IETF httpapi RateLimit draft, structured fields): \"requests\" for every call, \"writes\" for "
                        + "calls that create or change something, each with its quota q per window of w seconds, shared by every instance "
                        + "(Tickets:Limits:RequestsPerUserPerMinute, WritesPerUserPerMinute). E.g. `\"requests\";q=600;w=60, \"writes\";q=60;w=60`.",
                        JsonSchemaType.String),
                    [AccountRateLimits.Header] = OperationBuilder.Header(
                        "The budget this call left closest to exhaustion (the one exhausted, on a 429): r calls remaining, t seconds until "
                        + "its window is renewed. E.g. `\"writes\";r=12;t=42`.",
                        JsonSchemaType.String),
                },
            },
        };
        var builder = new OperationBuilder(document, schemas);

        var tags = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var group in functions.OrderBy(f => f.Route, StringComparer.Ordinal).GroupBy(f => f.Route))
        {
            var path = new OpenApiPathItem { Operations = [] };
            foreach (var function in group.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                tags.Add(OperationBuilder.TagOf(function));
                foreach (var method in function.Methods)
                    path.Operations[new HttpMethod(method)] = builder.Operation(function);
            }

            document.Paths["/" + group.Key] = path;
        }

        document.Tags = tags.Select(t => new OpenApiTag { Name = t }).ToHashSet();
        // Exported last: operations above referenced the records they need.
        foreach (var (name, node) in schemas.Components)
            document.Components.Schemas[name] = Fragment(node, document);
        return document;
    }

    /// <summary>A schema from its JSON, read by the OpenAPI reader so references resolve against the document.</summary>
    internal static IOpenApiSchema Fragment(JsonNode node, OpenApiDocument document)
    {
        if (node is JsonObject { Count: 1 } only && only["$ref"]?.GetValue<string>() is { } reference)
            return new OpenApiSchemaReference(reference[JsonSchemas.ComponentPrefix.Length..], document);
        var schema = new OpenApiJsonReader().ReadFragment<OpenApiSchema>(node, OpenApiSpecVersion.OpenApi3_1, document, out var diagnostic);
        if (diagnostic.Errors.Count > 0 || schema is null)
            throw new InvalidOperationException($"Schema {node.ToJsonString()} is not valid: {string.Join("; ", diagnostic.Errors.Select(e => e.Message))}");
        return schema;
    }

    private static string Serialize(OpenApiDocument document)
    {
        using var text = new StringWriter();
        document.SerializeAsV31(new OpenApiJsonWriter(text));
        return text.ToString();
    }

    /// <summary>One function's operation.</summary>
    private sealed class OperationBuilder(OpenApiDocument document, JsonSchemas schemas)
    {
        public static string TagOf(HttpFunction function) => function.Method.DeclaringType!.Namespace!.Split('.')[^1];

        public OpenApiOperation Operation(HttpFunction function)
        {
            var method = function.Method;
            var accepts = method.GetCustomAttribute<AcceptsAttribute>() ?? new AcceptsAttribute();
            var returns = method.GetCustomAttributes<ReturnsAttribute>().ToList();
            if (returns.Count == 0) throw new InvalidOperationException($"HTTP function {function.Name} declares no [Returns].");

            var operation = new OpenApiOperation
            {
                OperationId = function.Name,
                Summary = method.GetCustomAttribute<DescriptionAttribute>()?.Description,
                Description = AccessText(function),
                Tags = new HashSet<OpenApiTagReference> { new(TagOf(function), document) },
                Parameters = [.. PathParameters(function.Route), .. QueryParameters(accepts.Query), .. HeaderParameters(accepts.Headers)],
                Responses = [],
            };
            if (function.Access != Who.Anyone)
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];
            if (accepts.Body is { } body)
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, IOpenApiMediaType>
                    {
                        [accepts.MediaType ?? JsonMediaType] = accepts.MediaType == MultipartMediaType ? FormOf(body) : new OpenApiMediaType { Schema = Schema(body) },
                    },
                };
            }

            foreach (var success in returns) operation.Responses[Code(success.Status)] = Success(success, function.Access != Who.Anyone);
            foreach (var (status, headers) in Failures(function, accepts))
                operation.Responses[Code(status)] = Problem(ReasonPhrases.GetReasonPhrase(status), headers);
            operation.Responses["default"] = Problem("Unexpected error (500, with a trace id to quote) or a busy store (503, with Retry-After).", []);
            return operation;
        }

        private static string AccessText(HttpFunction function) => function.Access switch
        {
            Who.Anyone => "Anyone; no token needed.",
            Who.SignedIn => "Any signed-in, active account.",
            Who.Staff => "Technicians and admins.",
            _ => "Admins only.",
        } + function switch
        {
            { Access: Who.Anyone } => "",
            { Writes: true } => " A write: counts against the caller's budgets of requests and of writes per minute (429 beyond either).",
            _ => " Counts against the caller's budget of requests per minute (429 beyond it).",
        };

        private static string Code(int status) => status.ToString(System.Globalization.CultureInfo.InvariantCulture);

        private IOpenApiSchema Schema(Type type) => Fragment(schemas.SchemaOf(type), document);

        /// <summary>
        /// A form of files: each property of <paramref name="form"/> is one part holding a file's bytes (its name in the part's
        /// Content-Disposition), sent as application/octet-stream unless the client knows better.
        /// </summary>
        private static OpenApiMediaType FormOf(Type form)
        {
            var properties = form.GetProperties();
            return new OpenApiMediaType
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = properties.Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).ToHashSet(),
                    Properties = properties.ToDictionary(
                        p => JsonNamingPolicy.CamelCase.ConvertName(p.Name),
                        p => (IOpenApiSchema)new OpenApiSchema
                        {
                            Type = JsonSchemaType.String,
                            ContentMediaType = "application/octet-stream",
                            Description = p.GetCustomAttribute<DescriptionAttribute>()?.Description,
                        }),
                    AdditionalPropertiesAllowed = false,
                },
                Encoding = properties.ToDictionary(
                    p => JsonNamingPolicy.CamelCase.ConvertName(p.Name),
                    _ => new OpenApiEncoding { ContentType = "application/octet-stream" }),
            };
        }

        private OpenApiResponse Success(ReturnsAttribute returns, bool budgeted)
        {
            var response = new OpenApiResponse { Description = ReasonPhrases.GetReasonPhrase(returns.Status) };
            if (returns.Body is { } body)
                response.Content = new Dictionary<string, IOpenApiMediaType>
                {
                    [returns.MediaType ?? JsonMediaType] = new OpenApiMediaType { Schema = Schema(body) },
                };
            var headers = new Dictionary<string, IOpenApiHeader>();
            if (returns.Headers.HasFlag(ResponseHeaders.Location))
            {
                headers["Location"] = returns.Status is >= 300 and < 400
                    ? Header("Where to read it: a short-lived link, not to be kept (ask again when it has expired).", JsonSchemaType.String, "uri")
                    : Header("Where the created resource can be read.", JsonSchemaType.String, "uri-reference");
            }
            if (returns.Headers.HasFlag(ResponseHeaders.ETag))
                headers["ETag"] = Header(returns.Status == 304
                    ? "The entity tag the caller holds, still current."
                    : "The entity tag: sent back in If-None-Match, a GET answers 304 while it is current; a ticket's (strong) tag is also the If-Match of its writes.",
                    JsonSchemaType.String);
            if (returns.Headers.HasFlag(ResponseHeaders.ContentDisposition))
                headers["Content-Disposition"] = Header("attachment, with the file's name.", JsonSchemaType.String);
            if (budgeted) AddRateLimitFields(headers);
            if (headers.Count > 0) response.Headers = headers;
            return response;
        }

        /// <summary>The failures the declarations imply, plus those the function declares, each with its headers.</summary>
        private SortedDictionary<int, Dictionary<string, IOpenApiHeader>> Failures(HttpFunction function, AcceptsAttribute accepts)
        {
            var kinds = new HashSet<ErrorKind>(function.Method.GetCustomAttribute<FailsAttribute>()?.Kinds ?? []);
            if (accepts.Body is not null || accepts.Query is not null || accepts.Headers.HasFlag(RequestHeaders.IdempotencyKey)) kinds.Add(ErrorKind.Validation);
            if (accepts.Body is not null) kinds.UnionWith([ErrorKind.PayloadTooLarge, ErrorKind.UnsupportedMediaType]);
            if (function.Access != Who.Anyone) kinds.UnionWith([ErrorKind.Unauthorized, ErrorKind.TooManyRequests]);
            if (function.Access is Who.Staff or Who.Admin) kinds.Add(ErrorKind.Forbidden);
            if (function.Route.Contains('{', StringComparison.Ordinal)) kinds.Add(ErrorKind.NotFound);

            var failures = new SortedDictionary<int, Dictionary<string, IOpenApiHeader>>();
            foreach (var kind in kinds)
            {
                var headers = new Dictionary<string, IOpenApiHeader>();
                if (kind == ErrorKind.Unauthorized && function.Access != Who.Anyone)
                    headers["WWW-Authenticate"] = Header("Bearer, with error=\"invalid_token\" for a token that is not valid.", JsonSchemaType.String);
                if (kind is ErrorKind.TooManyRequests or ErrorKind.Unavailable)
                    headers["Retry-After"] = Header("Seconds to wait before retrying.", JsonSchemaType.Integer);
                if (kind == ErrorKind.Conflict && accepts.Headers.HasFlag(RequestHeaders.IdempotencyKey))
                    headers["Retry-After"] = Header(
                        "On request_in_progress: seconds until the request holding this Idempotency-Key has finished or its claim has lapsed.",
                        JsonSchemaType.Integer);
                // Every answer after authentication carries the caller's budgets: all but the 401.
                if (function.Access != Who.Anyone && kind != ErrorKind.Unauthorized) AddRateLimitFields(headers);
                failures[Problems.StatusOf(kind)] = headers;
            }

            return failures;
        }

        private OpenApiResponse Problem(string description, Dictionary<string, IOpenApiHeader> headers) => new()
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType> { [ProblemMediaType] = new OpenApiMediaType { Schema = Schema(typeof(ProblemBody)) } },
            Headers = headers.Count > 0 ? headers : null,
        };

        private void AddRateLimitFields(Dictionary<string, IOpenApiHeader> headers)
        {
            headers[AccountRateLimits.PolicyHeader] = new OpenApiHeaderReference(AccountRateLimits.PolicyHeader, document);
            headers[AccountRateLimits.Header] = new OpenApiHeaderReference(AccountRateLimits.Header, document);
        }

        internal static OpenApiHeader Header(string description, JsonSchemaType type, string? format = null) =>
            new() { Description = description, Schema = new OpenApiSchema { Type = type, Format = format } };

        private static IEnumerable<IOpenApiParameter> PathParameters(string route) =>
            route.Split('/').Where(s => s.StartsWith('{')).Select(s => new OpenApiParameter
            {
                Name = s.Trim('{', '}').Split(':')[0],
                In = ParameterLocation.Path,
                Required = true,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                Description = route.StartsWith("tickets/{id}", StringComparison.Ordinal) && s == "{id}" ? "The ticket's id or its number (TCK-000123)." : null,
            });

        private static IEnumerable<IOpenApiParameter> HeaderParameters(RequestHeaders headers)
        {
            if (headers.HasFlag(RequestHeaders.IfMatch))
            {
                yield return new OpenApiParameter
                {
                    Name = "If-Match",
                    In = ParameterLocation.Header,
                    Description = "The ETag read last: a ticket changed since answers 412 and is not touched. Without it, concurrent changes are merged.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                };
            }

            if (headers.HasFlag(RequestHeaders.IfNoneMatch))
            {
                yield return new OpenApiParameter
                {
                    Name = "If-None-Match",
                    In = ParameterLocation.Header,
                    Description = "The ETag of the answer the caller holds: while it is still current the answer is 304 with no body.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                };
            }

            if (headers.HasFlag(RequestHeaders.WebhookSignature))
            {
                yield return new OpenApiParameter
                {
                    Name = global::Tickets.Inbound.InboundWebhook.TimestampHeader,
                    In = ParameterLocation.Header,
                    Required = true,
                    Description = "When the body was signed, in Unix seconds; more than Tickets:Inbound:WebhookTolerance (5 min) away from now, either way, is 401.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[0-9]+$" },
                };
                yield return new OpenApiParameter
                {
                    Name = global::Tickets.Inbound.InboundWebhook.SignatureHeader,
                    In = ParameterLocation.Header,
                    Required = true,
                    Description = "sha256= and the lowercase hex HMAC-SHA256, keyed with Tickets:Inbound:WebhookSecret, of the timestamp, a dot and the body's bytes.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^sha256=[0-9a-fA-F]{64}$" },
                };
            }

            if (headers.HasFlag(RequestHeaders.IdempotencyKey))
            {
                yield return new OpenApiParameter
                {
                    Name = IdempotentRequests.Header,
                    In = ParameterLocation.Header,
                    Description = "Up to 255 characters. A retry with the same key and body within 24 h returns the first answer and creates nothing; "
                        + "the same key with another body is a 422. While the first request is in progress, a 409 request_in_progress with Retry-After; "
                        + "one that never finished (connection lost) is taken over by the next retry once its lease (Tickets:Idempotency:Lease) is over.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 255 },
                };
            }
        }

        /// <summary>The query record's parameters, from their <see cref="QueryAttribute"/>.</summary>
        private static IEnumerable<IOpenApiParameter> QueryParameters(Type? record)
        {
            if (record is null) yield break;
            QueryBinding.ShapeOf(record); // every parameter must be bindable
            foreach (var parameter in record.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First().GetParameters())
            {
                var query = parameter.GetCustomAttribute<QueryAttribute>()!;
                yield return new OpenApiParameter
                {
                    Name = query.Name,
                    In = ParameterLocation.Query,
                    Description = query.Description,
                    Schema = QuerySchema(record, query),
                    Style = query.List ? ParameterStyle.Form : null,
                    Explode = !query.List,
                };
            }
        }

        private static OpenApiSchema QuerySchema(Type record, QueryAttribute query)
        {
            var item = new OpenApiSchema
            {
                Type = query.Type switch
                {
                    QueryType.Integer => JsonSchemaType.Integer,
                    QueryType.Boolean => JsonSchemaType.Boolean,
                    _ => JsonSchemaType.String,
                },
                Format = query.Type == QueryType.Integer ? "int32" : null,
                Minimum = query.Minimum == int.MinValue ? null : query.Minimum.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Maximum = query.Maximum == int.MaxValue ? null : query.Maximum.ToString(System.Globalization.CultureInfo.InvariantCulture),
                MaxLength = query.MaxLength == int.MaxValue ? null : query.MaxLength,
                Enum = ValuesOf(record, query)?.Select(v => (JsonNode)JsonValue.Create(v)).ToList(),
            };
            if (query.Type == QueryType.Instant)
            {
                // A date counts as a whole day; a date-time is an instant.
                item = new OpenApiSchema
                {
                    AnyOf = [new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" }, new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" }],
                };
            }

            if (query.Default is { } value)
            {
                item.Default = query.Type switch
                {
                    QueryType.Integer => JsonValue.Create(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)),
                    QueryType.Boolean => JsonValue.Create(bool.Parse(value)),
                    _ => JsonValue.Create(value),
                };
            }

            return query.List ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = item } : item;
        }

        private static IEnumerable<string>? ValuesOf(Type record, QueryAttribute query)
        {
            if (query.Values is { } values)
                return Enum.GetValues(values).Cast<Enum>().Select(v => System.Text.Json.JsonSerializer.SerializeToElement(v, values, global::Tickets.Common.Json.Options).GetString()!);
            if (query.ValuesFrom is { } property)
            {
                return record.GetProperty(property, BindingFlags.Public | BindingFlags.Static)!.GetValue(null) switch
                {
                    System.Collections.IDictionary dictionary => dictionary.Keys.Cast<string>(),
                    IEnumerable<string> list => list,
                    var other => throw new InvalidOperationException($"{record.Name}.{property} lists no values ({other?.GetType().Name})."),
                };
            }

            return null;
        }
    }
}
