using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tickets.Common;
using Tickets.Identity;
using Tickets.Idempotency;

namespace Tickets.Functions.Http;

/// <summary>
/// <c>Idempotency-Key</c> for creating POSTs: the first successful response is kept 24 h per caller, operation and
/// key; a retry with the same body gets it again and creates nothing, the same key with another body is a 422.
/// Failed requests keep nothing, so they can be retried with the same key.
/// </summary>
public sealed class IdempotentRequests(IIdempotencyStore store, CurrentUser me, TimeProvider time)
{
    public const string Header = "Idempotency-Key";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public async Task<IActionResult> RunAsync<TInput>(
        HttpRequest request, string operation, TInput input, Func<Task<IActionResult>> action, CancellationToken cancellationToken)
    {
        var key = request.Headers[Header].ToString();
        if (key.Length == 0) return await action();
        if (key.Length > 255) return Api.Problem(Error.Field(Header, FieldCodes.TooLong, "Must be at most 255 characters."));

        var scoped = $"{me.Id}|{operation}|{key}";
        var hash = Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(input, Json.Options)));
        var now = time.GetUtcNow();
        var existing = await store.TryClaimAsync(scoped, hash, now, now + Lifetime, cancellationToken);
        if (existing is not null)
        {
            if (existing.RequestHash != hash)
                return Api.Problem(new Error(ErrorKind.Unprocessable, "idempotency_key_reused", "Idempotency key reused.",
                    "This Idempotency-Key was already used with a different request body."));
            if (existing.Response is not { } stored)
                return Api.Problem(Error.Conflict("request_in_progress", "A request with this Idempotency-Key is still being processed; retry shortly."));
            return Replay(stored);
        }

        IActionResult result;
        try
        {
            result = await action();
        }
        catch
        {
            await store.ReleaseAsync(scoped, CancellationToken.None);
            throw;
        }

        if (result is ApiJsonResult { Status: >= 200 and < 300 } json)
        {
            var body = json.Body is null ? "" : JsonSerializer.Serialize(json.Body, json.Body.GetType(), Json.Options);
            await store.CompleteAsync(scoped, new StoredResponse(json.Status, body, new Dictionary<string, string>(json.Headers)), cancellationToken);
        }
        else
        {
            await store.ReleaseAsync(scoped, cancellationToken);
        }

        return result;
    }

    private static ApiJsonResult Replay(StoredResponse stored)
    {
        var result = new ApiJsonResult(stored.Status, stored.Body.Length == 0 ? null : JsonDocument.Parse(stored.Body).RootElement.Clone());
        foreach (var (name, value) in stored.Headers) result.Headers[name] = value;
        result.Headers["Idempotent-Replayed"] = "true";
        return result;
    }
}
