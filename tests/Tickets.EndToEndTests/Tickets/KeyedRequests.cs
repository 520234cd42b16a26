using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tickets.EndToEndTests.Tickets;

/// <summary>Creating POSTs with an <c>Idempotency-Key</c>, sent once (perhaps cut off) and retried as a client would.</summary>
public static class KeyedRequests
{
    public static HttpRequestMessage Keyed(string path, string key, object body) => new(HttpMethod.Post, path)
    {
        Content = JsonContent.Create(body),
        Headers = { { "Idempotency-Key", key } },
    };

    /// <summary>
    /// Sends the request and gives up on it after <paramref name="cutOffAfter"/>: the client closes the connection, as a
    /// phone going into a tunnel does. True when it was cut off before its answer arrived.
    /// </summary>
    public static async Task<bool> SendAndCutOffAsync(HttpClient client, Func<HttpRequestMessage> request, TimeSpan cutOffAfter)
    {
        using var cutOff = new CancellationTokenSource(cutOffAfter);
        try
        {
            using var response = await client.SendAsync(request(), cutOff.Token);
            return false;
        }
        catch (OperationCanceledException) when (cutOff.IsCancellationRequested)
        {
            return true;
        }
    }

    /// <summary>
    /// Retries as a well-behaved client does until the request is answered with a 2xx: a 409 request_in_progress says
    /// the key's claim is still held, for the seconds its Retry-After names (never more than the lease); a 503
    /// concurrent_changes (many writers on one ticket) is retried after its Retry-After too.
    /// </summary>
    public static async Task<JsonElement> RetryUntilDoneAsync(HttpClient client, Func<HttpRequestMessage> request, TimeSpan lease, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        var answers = new List<string>();
        while (true)
        {
            using var response = await client.SendAsync(request());
            if (response.IsSuccessStatusCode) return await response.JsonAsync();
            answers.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var code = (await response.JsonAsync()).Str("code");
            Assert.True(response.StatusCode == HttpStatusCode.Conflict && code == "request_in_progress"
                || response.StatusCode == HttpStatusCode.ServiceUnavailable && code == "concurrent_changes",
                string.Join(Environment.NewLine, answers));
            var wait = response.Headers.RetryAfter?.Delta;
            Assert.True(wait is { } w && w > TimeSpan.Zero && w <= lease + TimeSpan.FromSeconds(1), $"Retry-After {wait} on a {lease} lease, answering {answers[^1]}");
            if (DateTimeOffset.UtcNow + wait > deadline)
                Assert.Fail($"Still not done after {timeout.TotalSeconds} s; answers: {string.Join(Environment.NewLine, answers.TakeLast(3))}");
            await Task.Delay(wait!.Value);
        }
    }
}
