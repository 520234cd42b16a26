using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Tickets.EndToEndTests.Tickets;

namespace Tickets.EndToEndTests.Security;

/// <summary>One fuzzed request: who sends it, what, and which kind of bad input it carries.</summary>
/// <param name="Prepared">The generator wrote to the store to prepare it (a new target ticket).</param>
public sealed record FuzzAttempt(HttpClient Client, HttpRequestMessage Request, string Kind, bool Prepared) : IDisposable
{
    public void Dispose() => Request.Dispose();
}

/// <summary>The generator: a valid request for each route as the starting point, and the ways to spoil it.</summary>
internal sealed class Fuzz(Random random, FuzzHost host)
{
    private readonly Dictionary<string, Queue<string>> _tickets = new(StringComparer.Ordinal);
    private string? _ticket;
    private string? _cursor;
    private string? _upload;

    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

    private static readonly string[] ContentTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx",
        "application/octet-stream", "text/json; charset=utf-8",
    ];

    private static readonly string[] HostileStrings =
    [
        "", " ", "\t", "\u0000", "a\u0007b", "\u001B[2J", "x\uFFFEy", "x\uFFFFy", "\uFDD0", "\U0010FFFF", "\u202Eevil", "\u200B", "\uFEFF",
        "' OR '1'='1' --", "\"; DROP TABLE tickets; --", "../../../etc/passwd", "%00", "%s%s%s%n", "${jndi:ldap://x}", "<script>alert(1)</script>",
        "ﬃ", "e" + new string('\u0301', 500), "TCK-000001", "TCK-99999999999999999999", "me", "none", "-1", "1e309", "NaN",
        "😀😀😀", new string('a', 201), new string('é', 10_001), new string('x', 70_000),
    ];

    private static readonly string[] HostileIds =
    [
        "TCK-0", "TCK-999999999", "TCK-99999999999999999999999", "%2e%2e%2f", "a%2Fb", "%23", "%3F", "%00", "%FF", "%EF%BF%BE", "0", "x",
        new string('a', 300),
    ];

    private static readonly string[] QueryNames =
        ["status", "priority", "assigneeId", "requesterId", "category", "q", "createdFrom", "createdTo", "sort", "limit", "cursor", "includeTotal",
         "role", "active", "department", "from", "to", "unread", "unknown"];

    private static readonly string[] QueryValues =
    [
        "", "-1", "0", "101", "2147483648", "9223372036854775808", "1.5", "abc", "true,false", "maybe", "open,,closed", "OPEN", "in_progress,bogus",
        "0001-01-01", "9999-12-31", "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00%2B14:00", "2026-02-30", "yesterday", "%FF%FE", "%EF%BF%BE",
        "%C0%AF", "%ED%A0%80", "%00", "%0A", "createdAt", "-slaDue", "priority,-createdAt", "me", "none", new string('z', 3000),
        string.Join(",", Enumerable.Repeat("open", 500)),
    ];

    /// <summary>Remembers what the last answer means for the next requests (a deleted target ticket is replaced).</summary>
    public void Observe(HttpRoute route, int status)
    {
        if (route.Method != "DELETE" || status != 204) return;
        if (route.Route.StartsWith("attachments/", StringComparison.Ordinal)) _upload = null;
        else _ticket = null;
    }

    public async Task<FuzzAttempt> NextAsync(HttpRoute route)
    {
        var prepared = (_ticket is null && route.Route.Contains("tickets/{id}", StringComparison.Ordinal))
            || (_upload is null && route.Route.StartsWith("attachments/{id}", StringComparison.Ordinal));
        var path = await PathAsync(route);
        var client = random.Next(10) switch
        {
            0 => host.User,
            1 => host.Technician,
            _ => host.Admin,
        };
        var hasBody = route.Method is "POST" or "PUT" or "PATCH";
        var request = new HttpRequestMessage(new HttpMethod(route.Method), "api/" + path);
        var kind = "template";

        // The upload takes a file, not JSON: half its cases are multipart bodies spoiled in their own ways.
        if (route.Function == "UploadAttachment" && random.Next(2) == 0)
        {
            kind = Multipart(request);
            return new FuzzAttempt(client, request, kind, prepared);
        }

        switch (random.Next(hasBody ? 14 : 6))
        {
            case 0:
                kind = "hostile id";
                request.RequestUri = new Uri("api/" + HostileIdIn(route), UriKind.Relative);
                if (hasBody) request.Content = Json(Template(route.Function));
                break;
            case 1:
                kind = "query values";
                request.RequestUri = new Uri("api/" + path + "?" + RandomQuery(), UriKind.Relative);
                if (hasBody) request.Content = Json(Template(route.Function));
                break;
            case 2:
                kind = "tampered cursor";
                request.RequestUri = new Uri($"api/{path}?limit={random.Next(1, 4)}&cursor={Uri.EscapeDataString(TamperedCursor())}", UriKind.Relative);
                if (hasBody) request.Content = Json(Template(route.Function));
                break;
            case 3:
                kind = "wrong method";
                request.Method = new HttpMethod(Pick(Methods.Where(m => m != route.Method).ToArray()));
                break;
            case 4:
                kind = "bad headers";
                request.Headers.TryAddWithoutValidation("If-Match", Pick(["\"stale\"", "W/\"x\"", "garbage", "\"\"", "*, \"a\""]));
                request.Headers.TryAddWithoutValidation("Idempotency-Key", Pick(["k", new string('k', 300), "a key with spaces and \"quotes\""]));
                if (random.Next(2) == 0) request.Headers.TryAddWithoutValidation("X-Forwarded-For", Pick(["not-an-ip", "999.1.1.1", "::1, 1.2.3.4", ""]));
                if (hasBody) request.Content = Json(Mutate(Template(route.Function)));
                break;
            case 5:
                kind = "bad token";
                client = host.Host.Client();
                request.Headers.TryAddWithoutValidation("Authorization", Pick(["Bearer", "Bearer ", "Basic YTpi", "Bearer a.b.c", "Bearer " + new string('a', 9000), "bearer  x"]));
                if (hasBody) request.Content = Json(Template(route.Function));
                break;
            case 6:
                kind = "random json";
                request.Content = Raw(Encoding.UTF8.GetBytes(RandomJson(0)));
                break;
            case 7:
                kind = "wrong types";
                request.Content = Raw(Encoding.UTF8.GetBytes(WrongTypes(Template(route.Function))));
                break;
            case 8:
                kind = "hostile strings";
                request.Content = Json(WithHostileStrings(Template(route.Function)));
                break;
            case 9:
                kind = "deep nesting";
                var depth = random.Next(60, 400);
                request.Content = Raw(Encoding.UTF8.GetBytes(random.Next(2) == 0
                    ? new string('[', depth) + new string(']', depth)
                    : "{\"title\":" + string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth + 1)));
                break;
            case 10:
                kind = "invalid utf-8";
                request.Content = Raw(InvalidUtf8(JsonSerializer.SerializeToUtf8Bytes(Template(route.Function))));
                break;
            case 11:
                kind = "byte mutations";
                request.Content = Raw(MutateBytes(JsonSerializer.SerializeToUtf8Bytes(Template(route.Function))));
                break;
            case 12:
                kind = "content type";
                request.Content = Raw(JsonSerializer.SerializeToUtf8Bytes(Template(route.Function)));
                if (random.Next(4) == 0) request.Content.Headers.ContentType = null;
                else request.Content.Headers.TryAddWithoutValidation("Content-Type", Pick(ContentTypes));
                break;
            default:
                kind = random.Next(2) == 0 ? "oversize body" : "chunked body";
                var size = kind == "oversize body" ? 64 * 1024 + random.Next(1, 200_000) : random.Next(0, 80 * 1024);
                var body = Encoding.UTF8.GetBytes("{\"title\":\"" + new string('a', size) + "\",\"description\":\"x\",\"body\":\"y\"}");
                request.Content = kind == "oversize body" ? Raw(body) : Chunked(body);
                break;
        }

        if (request.Content is { } content && kind is not ("content type" or "oversize body" or "chunked body") && content.Headers.ContentType is null)
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new FuzzAttempt(client, request, kind, prepared);
    }

    private async Task<string> PathAsync(HttpRoute route)
    {
        var path = route.Route;
        if (path.Contains("tickets/{id}", StringComparison.Ordinal))
            path = path.Replace("{id}", await TicketAsync(), StringComparison.Ordinal);
        if (path.StartsWith("attachments/{id}", StringComparison.Ordinal) && random.Next(2) == 0)
            path = path.Replace("{id}", await UploadAsync(), StringComparison.Ordinal);
        if (path.Contains("users/{id}", StringComparison.Ordinal))
            path = path.Replace("{id}", random.Next(3) == 0 ? host.UserId : host.VictimId, StringComparison.Ordinal);
        return path.Replace("{id}", "x", StringComparison.Ordinal);
    }

    private string HostileIdIn(HttpRoute route) =>
        route.Route.Contains("{id}", StringComparison.Ordinal) ? route.Route.Replace("{id}", Pick(HostileIds), StringComparison.Ordinal) : route.Route + "/" + Pick(HostileIds);

    /// <summary>The target ticket (the user's, so every caller may see it), with comments so its lists page; a new one once deleted.</summary>
    private async Task<string> TicketAsync()
    {
        if (_ticket is not null) return _ticket;
        var ticket = (await host.User.CreateTicketAsync()).Id();
        for (var i = 0; i < 3; i++) await host.User.CommentAsync(ticket, "Comentario " + i);
        var page = await (await host.User.GetAsync($"api/tickets/{ticket}/comments?limit=1")).JsonAsync();
        _cursor = page.Str("nextCursor");
        return _ticket = ticket;
    }

    /// <summary>An unreferenced upload of the user's (readable and removable by the user only); a new one once removed.</summary>
    private async Task<string> UploadAsync()
    {
        if (_upload is not null) return _upload;
        var form = new MultipartFormDataContent { { new ByteArrayContent("Registro de errores\n"u8.ToArray()), "file", "registro.log" } };
        var response = await host.User.PostAsync("api/attachments", form);
        Assert.Equal(201, (int)response.StatusCode);
        return _upload = (await response.JsonAsync()).Str("id");
    }

    private static readonly byte[][] FileContents =
    [
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "<html><script>alert(1)</script></html>"u8.ToArray(),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"u8.ToArray(), "MZ\x90\0\x03\0\0\0"u8.ToArray(), "#!/bin/sh\nrm -rf /\n"u8.ToArray(),
        [0xC3, 0x28, 0xA0, 0xA1], [0], [], "texto\0con NUL"u8.ToArray(), "<?xml version=\"1.0\"?><a/>"u8.ToArray(), "%PDF-1.4\n"u8.ToArray(),
        [(byte)'P', (byte)'K', 3, 4, 0, 0], [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
    ];

    private static readonly string[] FileNames =
    [
        "a.png", "../../etc/passwd", "C:\\Windows\\win.ini", "..", "/", "", " ", "a\u0000b.txt", "a\u202Egnp.exe", "x\uFFFE.txt", "\u200B.png",
        new string('n', 300) + ".txt", "informe.docx", "macro.docm", "setup.msi", "notas.eml", "con.txt", "😀.png", "a\"b.png", "a\r\nX-Injected: 1.txt",
    ];

    /// <summary>A multipart body spoiled one way, written into <paramref name="request"/>; returns the kind.</summary>
    private string Multipart(HttpRequestMessage request)
    {
        var content = Pick(FileContents);
        var name = Pick(FileNames);
        switch (random.Next(6))
        {
            case 0:
                request.Content = new MultipartFormDataContent { FilePart(new ByteArrayContent(content), "file", name) };
                return "multipart file";
            case 1:
                request.Content = new MultipartFormDataContent
                {
                    FilePart(new ByteArrayContent(content), Pick(["file", "File", "files", "", "documento"]), "a.txt"),
                    FilePart(new StringContent("x"), "file", name),
                };
                return "multipart parts";
            case 2:
            {
                var boundary = Pick(["", "x", new string('b', 200), "\"unterminated", "a b"]);
                var raw = Encoding.UTF8.GetBytes($"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\n").Concat(content).ToArray();
                request.Content = Raw(random.Next(2) == 0 ? raw : raw.Concat(Encoding.UTF8.GetBytes($"\r\n--{boundary}--\r\n")).ToArray());
                request.Content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");
                return "multipart framing";
            }
            case 3:
            {
                var raw = Encoding.UTF8.GetBytes("--B\r\n" + Pick(["Content-Disposition: form-data; name=\"file\"\r\n", "Content-Disposition: attachment\r\n",
                    "Content-Disposition: form-data; name=\"file\"; filename*=UTF-8''%FF%FE.txt\r\n", "X: " + new string('h', 20_000) + "\r\n", ""]) + "\r\n")
                    .Concat(content).Concat("\r\n--B--\r\n"u8.ToArray()).ToArray();
                request.Content = Raw(raw);
                request.Content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=B");
                return "multipart headers";
            }
            case 4:
            {
                var form = new MultipartFormDataContent { FilePart(new StreamContent(new MemoryStream(MutateBytes(content.Length == 0 ? [1] : content))), "file", name) };
                request.Content = Chunked(form.ReadAsByteArrayAsync().GetAwaiter().GetResult());
                request.Content.Headers.TryAddWithoutValidation("Content-Type", form.Headers.ContentType!.ToString());
                return "multipart chunked";
            }
            default:
                request.Content = new MultipartFormDataContent { FilePart(new ByteArrayContent(content), "file", name) };
                return "multipart content";
        }
    }

    /// <summary>A part whose Content-Disposition is written as is: names the client library would refuse to send reach the host.</summary>
    private static HttpContent FilePart(HttpContent part, string name, string fileName)
    {
        part.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"{name}\"; filename=\"{fileName}\"");
        return part;
    }

    private string TamperedCursor()
    {
        var real = _cursor ?? "eyJ4Ijox.AAAAAAAAAAAAAAAAAAAAAA";
        return random.Next(6) switch
        {
            0 => real[..^1] + (real[^1] == 'A' ? 'B' : 'A'),
            1 => Convert.ToBase64String(Encoding.UTF8.GetBytes(Pick(["[1,2,3]", "[\"a\"]", "[null]", "{}", "[\"created_at\",\"x\",\"y\"]"]))),
            2 => real[..real.LastIndexOf('.')],
            3 => Pick(HostileStrings),
            4 => real + "." + real,
            _ => Convert.ToBase64String(Encoding.UTF8.GetBytes("[\"-1\"]")) + real[real.LastIndexOf('.')..],
        };
    }

    private string RandomQuery() =>
        string.Join("&", Enumerable.Range(0, random.Next(1, 5)).Select(_ =>
        {
            var value = Pick(QueryValues);
            return Pick(QueryNames) + "=" + (value.Contains('%', StringComparison.Ordinal) ? value : Uri.EscapeDataString(value));
        }));

    /// <summary>A valid body for the route (null for routes without one): what the mutations spoil.</summary>
    private Dictionary<string, object?> Template(string function) => function switch
    {
        "Register" or "CreateUser" => new()
        {
            ["dni"] = random.NextInt64(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["phone"] = "+34 600 000 000", ["firstNames"] = "Ana", ["lastNames"] = "Pérez", ["department"] = "Ventas",
            ["email"] = $"fuzz-{random.Next():x}@example.org", ["password"] = "Password123!", ["role"] = "user",
        },
        "Login" => new() { ["email"] = $"nobody-{random.Next():x}@example.org", ["password"] = "Password123!" },
        "Refresh" or "Logout" => new() { ["refreshToken"] = "not-a-refresh-token" },
        "UpdateMe" or "UpdateUser" => new() { ["phone"] = "+34 600 000 000", ["department"] = "Ventas", ["firstNames"] = "Ana", ["lastNames"] = "Pérez" },
        "ChangePassword" => new() { ["currentPassword"] = "not-the-password", ["newPassword"] = "Another-password-1" },
        "CreateTicket" or "UpdateTicket" => new() { ["title"] = "La impresora no imprime", ["description"] = "Sale todo en blanco.", ["priority"] = "high", ["category"] = "hardware" },
        "AssignTicket" => new() { ["assigneeId"] = host.TechnicianId },
        "ChangeTicketStatus" => new() { ["status"] = "resolved", ["note"] = "Hecho." },
        "AddComment" => new() { ["body"] = "¿Sigue fallando?", ["internal"] = false },
        "BulkTickets" => new() { ["ids"] = new[] { "TCK-000001", "TCK-000002" }, ["action"] = "priority", ["priority"] = "low" },
        _ => new() { ["value"] = "x" },
    };

    private Dictionary<string, object?> Mutate(Dictionary<string, object?> body) => random.Next(3) switch
    {
        0 => WithHostileStrings(body),
        1 => body.Where(_ => random.Next(2) == 0).ToDictionary(p => p.Key, p => p.Value),
        _ => new Dictionary<string, object?>(body) { ["unknown" + random.Next(100)] = Pick(HostileStrings) },
    };

    private Dictionary<string, object?> WithHostileStrings(Dictionary<string, object?> body)
    {
        var spoiled = new Dictionary<string, object?>(body);
        foreach (var key in body.Keys.Where(_ => random.Next(2) == 0).DefaultIfEmpty(body.Keys.First()))
            spoiled[key] = Pick(HostileStrings);
        return spoiled;
    }

    private string WrongTypes(Dictionary<string, object?> body)
    {
        var values = new[] { "123", "-1", "1e309", "true", "false", "null", "[]", "{}", "[\"a\",1]", "{\"nested\":{\"x\":1}}", "0.5", "\"\"" };
        return "{" + string.Join(",", body.Keys.Select(k => $"\"{k}\":" + (random.Next(3) == 0 ? JsonSerializer.Serialize(body[k]) : Pick(values)))) + "}";
    }

    private string RandomJson(int depth)
    {
        var choice = depth > 4 ? random.Next(6) : random.Next(9);
        return choice switch
        {
            0 => "null",
            1 => random.Next(2) == 0 ? "true" : "false",
            2 => random.NextDouble() < 0.5 ? random.Next(int.MinValue, int.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture) : "1e400",
            3 => JsonSerializer.Serialize(Pick(HostileStrings)),
            4 => "\"\\ud800\"",
            5 => "\"" + Pick(["\\u0000", "\\uFFFE", "\\uDFFF\\uD800", "\\t\\n"]) + "\"",
            6 => "[" + string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => RandomJson(depth + 1))) + "]",
            7 => "{" + string.Join(",", Enumerable.Range(0, random.Next(0, 5)).Select(_ =>
                JsonSerializer.Serialize(Pick(["title", "description", "body", "status", "email", "password", "role", "active", "assigneeId", "x"])) + ":" + RandomJson(depth + 1))) + "}",
            _ => Pick(["", "{", "{\"a\":}", "{\"a\" 1}", "[1,]", "{\"a\":1,}", "{'a':1}", "// comment\n{}", "{\"a\":NaN}", "\u00EF\u00BB\u00BF{}", "{}{}"]),
        };
    }

    private byte[] InvalidUtf8(byte[] body)
    {
        byte[][] sequences = [[0xFF], [0xC3, 0x28], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xE2, 0x82]];
        var at = Array.IndexOf(body, (byte)'"', random.Next(body.Length)) is var quote and >= 0 ? quote + 1 : body.Length / 2;
        return [.. body[..at], .. Pick(sequences), .. body[at..]];
    }

    private byte[] MutateBytes(byte[] body)
    {
        var bytes = body.ToList();
        for (var i = random.Next(1, 6); i > 0 && bytes.Count > 0; i--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(3))
            {
                case 0: bytes[at] = (byte)random.Next(256); break;
                case 1: bytes.RemoveAt(at); break;
                default: bytes.Insert(at, (byte)random.Next(256)); break;
            }
        }

        return [.. bytes];
    }

    private static ByteArrayContent Raw(byte[] bytes) => new(bytes);

    private static JsonContent Json(object body) => JsonContent.Create(body);

    /// <summary>A body without Content-Length: HttpClient sends it chunked.</summary>
    private static StreamContent Chunked(byte[] bytes)
    {
        var content = new StreamContent(new UnknownLengthStream(bytes));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>A readable stream that will not say how long it is.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
