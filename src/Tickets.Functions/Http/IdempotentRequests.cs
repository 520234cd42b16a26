using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tickets.Common;
using Tickets.Identity;
using Tickets.Idempotency;

namespace Tickets.Functions.Http;

/// <summary>
/// <c>Idempotency-Key</c> for creating POSTs: the first successful response is kept 24 h per caller, operation and
/// key; a retry with the same body gets it again and creates nothing, the same key with another body is a 422.
/// <para>
/// A claim is a lease (<see cref="IdempotencyOptions.Lease"/>): a retry inside it is a 409 with <c>Retry-After</c>;
/// a claim older than it whose request never finished (connection reset, process killed) is taken over by the next
/// request with the same key and body. What the request makes gets its id from the claim, the same for every holder,
/// and the action is given it: it answers a resource already written under that id as made, so exactly one ticket or
/// comment results, even while the first holder is still running.
/// </para>
/// A request that failed as expected (4xx, busy) wrote nothing: its fresh claim is freed, so the client may retry with
/// the same key, even with another body. One that threw may have written: its claim stays until its lease ends.
/// </summary>
public sealed partial class IdempotentRequests(
    IIdempotencyStore store, CurrentUser me, TimeProvider time, IOptions<IdempotencyOptions> options, ILogger<IdempotentRequests> logger)
{
    public const string Header = "Idempotency-Key";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <param name="action">Does the work; its argument is the id of what it makes (null without a key: a new id).</param>
    public async Task<IActionResult> RunAsync<TInput>(
        HttpRequest request, string operation, TInput input, Func<string?, Task<IActionResult>> action, CancellationToken cancellationToken)
    {
        var key = request.Headers[Header].ToString();
        if (key.Length == 0) return await action(null);
        if (key.Length > 255) return Api.Problem(Error.Field(Header, FieldCodes.TooLong, "Must be at most 255 characters."));

        var scoped = $"{me.Id}|{operation}|{key}";
        var hash = Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(input, Json.Options)));
        var now = time.GetUtcNow();
        var lease = options.Value.Lease;
        var claim = await store.ClaimAsync(
            new IdempotencyRecord(scoped, hash, now, now + Lifetime) { ResourceId = Guid.CreateVersion7(now).ToString("N") }, lease, cancellationToken);
        if (!claim.IsMine) return Answer(claim.Record, hash, lease, now);
        if (claim.Outcome == ClaimOutcome.TakenOver) LogTakenOver(logger, operation, me.Id, claim.Record.ResourceId);

        // An exception leaves the claim: the change may be written, and the next request after the lease finds it.
        var result = await action(claim.Record.ResourceId);

        // From here the client's going away must not stop the record: the change is written.
        if (result is ApiJsonResult { Status: >= 200 and < 300 } json)
        {
            var body = json.Body is null ? "" : JsonSerializer.Serialize(json.Body, json.Body.GetType(), Json.Options);
            await store.CompleteAsync(scoped, new StoredResponse(json.Status, body, new Dictionary<string, string>(json.Headers)), CancellationToken.None);
        }
        else if (claim.Outcome == ClaimOutcome.Claimed)
        {
            // Nothing written, and nobody else ever held this claim. A takeover's failure frees nothing: the holder it
            // took over from may still be writing, under the claim's id.
            await store.ReleaseAsync(scoped, claim.Record.ClaimedAt, CancellationToken.None);
        }

        return result;
    }

    /// <summary>The answer for a key someone else holds: another body, a request still within its lease, or the response to replay.</summary>
    private static IActionResult Answer(IdempotencyRecord held, string hash, TimeSpan lease, DateTimeOffset now)
    {
        if (held.RequestHash != hash)
            return Api.Problem(new Error(ErrorKind.Unprocessable, "idempotency_key_reused", "Idempotency key reused.",
                "This Idempotency-Key was already used with a different request body."));
        if (held.Response is { } stored) return Replay(stored);

        var left = held.ClaimedAt + lease - now;
        var wait = left > TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(Math.Ceiling(left.TotalSeconds)) : TimeSpan.FromSeconds(1);
        return Api.Problem(Error.Conflict("request_in_progress",
            $"A request with this Idempotency-Key is still being processed; retry in {wait.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s " +
            "(Retry-After), when it has finished or its claim has lapsed.") with { RetryAfter = wait });
    }

    private static ApiJsonResult Replay(StoredResponse stored)
    {
        var result = new ApiJsonResult(stored.Status, stored.Body.Length == 0 ? null : JsonDocument.Parse(stored.Body).RootElement.Clone());
        foreach (var (name, value) in stored.Headers) result.Headers[name] = value;
        result.Headers["Idempotent-Replayed"] = "true";
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Idempotency-Key claim for {Operation} by {UserId} lapsed unfinished; taken over to finish {ResourceId}")]
    private static partial void LogTakenOver(ILogger logger, string operation, string userId, string? resourceId);
}
