using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Tickets.Common;
using Tickets.Functions.Http;
using Tickets.Identity;
using Tickets.Idempotency;
using Tickets.UnitTests.Fakes;
using Tickets.UnitTests.Tickets;
using Tickets.Users;

namespace Tickets.UnitTests.Functions;

public sealed class IdempotentRequestsTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private static readonly User Requester = new()
    {
        Id = Build.Requester.Id, Email = "ursula@example.org", Dni = "10000002", Phone = "600000002", FirstNames = "Úrsula",
        LastNames = "Usuaria", Department = "Contabilidad", Role = Role.User, Active = true, PasswordHash = "x",
        CreatedAt = Build.Start, UpdatedAt = Build.Start,
    };

    private readonly InMemoryIdempotencyStore _store = new();
    private readonly FakeTimeProvider _time = new(Build.Start);

    /// <summary>The ids the actions were given, in order.</summary>
    private readonly List<string?> _ids = [];

    private IdempotentRequests Requests()
    {
        var me = new CurrentUser();
        me.SignIn(Requester);
        return new IdempotentRequests(_store, me, _time, Options.Create(new IdempotencyOptions { Lease = Lease }), NullLogger<IdempotentRequests>.Instance);
    }

    private static HttpRequest Request(string? key = "key-1")
    {
        var http = new DefaultHttpContext();
        if (key is not null) http.Request.Headers[IdempotentRequests.Header] = key;
        return http.Request;
    }

    private Task<IActionResult> RunAsync(Func<string?, Task<IActionResult>> action, string body = "Sin red", CancellationToken cancellationToken = default) =>
        Requests().RunAsync(Request(), "create-ticket", new { body }, id =>
        {
            _ids.Add(id);
            return action(id);
        }, cancellationToken);

    private static Task<IActionResult> Created(string? id)
    {
        var result = new ApiJsonResult(201, new { id });
        result.Headers["Location"] = $"/api/tickets/{id}";
        return Task.FromResult<IActionResult>(result);
    }

    private static Task<IActionResult> Lost(string? id) => throw new IOException("The connection was reset.");

    [Fact]
    public async Task WithoutAKeyTheActionMakesANewIdAndNothingIsKept()
    {
        var result = await Requests().RunAsync(Request(key: null), "create-ticket", new { body = "x" }, id => { _ids.Add(id); return Created(id); }, default);

        Assert.Equal(201, Assert.IsType<ApiJsonResult>(result).Status);
        Assert.Equal([null], _ids);
        Assert.Empty(_store.Keys);
    }

    [Fact]
    public async Task AResponseWrittenAfterTheClientWentAwayIsStillRecordedAndReplayed()
    {
        using var aborted = new CancellationTokenSource();

        await RunAsync(async id =>
        {
            // The change is written; then the client resets the connection.
            var written = await Created(id);
            await aborted.CancelAsync();
            return written;
        }, cancellationToken: aborted.Token);
        var retry = Assert.IsType<ApiJsonResult>(await RunAsync(Created));

        Assert.Equal(201, retry.Status);
        Assert.Equal("true", retry.Headers["Idempotent-Replayed"]);
        Assert.Single(_ids);
    }

    [Fact]
    public async Task ARetryInsideTheLeaseIsInProgressWithRetryAfterOfTheLeaseLeft()
    {
        await Assert.ThrowsAsync<IOException>(() => RunAsync(Lost));
        _time.Advance(TimeSpan.FromSeconds(10.5));

        var retry = Assert.IsType<ProblemResult>(await RunAsync(Created));

        Assert.Equal((409, "request_in_progress"), (retry.Status, retry.Error.Code));
        Assert.Equal(TimeSpan.FromSeconds(20), retry.Error.RetryAfter);
        Assert.Contains("retry in 20 s", retry.Error.Detail, StringComparison.Ordinal);
        Assert.Single(_ids);
    }

    [Fact]
    public async Task AClaimThatNeverFinishedIsTakenOverAfterItsLeaseWithTheSameResourceId()
    {
        await Assert.ThrowsAsync<IOException>(() => RunAsync(Lost));
        _time.Advance(Lease);

        var retry = Assert.IsType<ApiJsonResult>(await RunAsync(Created));
        var again = Assert.IsType<ApiJsonResult>(await RunAsync(Created));

        Assert.Equal(201, retry.Status);
        Assert.Equal(2, _ids.Count);
        Assert.NotNull(_ids[0]);
        Assert.Equal(_ids[0], _ids[1]);
        Assert.Equal("true", again.Headers["Idempotent-Replayed"]);
    }

    [Fact]
    public async Task AnotherBodyNeverTakesOverALapsedClaim()
    {
        await Assert.ThrowsAsync<IOException>(() => RunAsync(Lost));
        _time.Advance(Lease * 2);

        var other = Assert.IsType<ProblemResult>(await RunAsync(Created, body: "Otro cuerpo"));

        Assert.Equal((422, "idempotency_key_reused"), (other.Status, other.Error.Code));
        Assert.Single(_ids);
    }

    [Fact]
    public async Task AnExpectedFailureFreesAFreshClaimSoTheClientMayCorrectTheBody()
    {
        var refused = await RunAsync(_ => Task.FromResult(Api.Problem(Error.Field("title", FieldCodes.Required, "Required."))));

        var corrected = Assert.IsType<ApiJsonResult>(await RunAsync(Created, body: "Corregido"));

        Assert.Equal(400, Assert.IsType<ProblemResult>(refused).Status);
        Assert.Equal(201, corrected.Status);
    }

    [Fact]
    public async Task ATakeoverThatFailsFreesNothingBecauseTheHolderItTookOverFromMayStillWrite()
    {
        await Assert.ThrowsAsync<IOException>(() => RunAsync(Lost));
        _time.Advance(Lease);
        await RunAsync(_ => Task.FromResult(Api.Problem(Contention.Busy("ticket"))));

        var record = _store[$"{Requester.Id}|create-ticket|key-1"];

        Assert.NotNull(record);
        Assert.Equal(_ids[0], record.ResourceId);
        Assert.Equal(_time.GetUtcNow(), record.ClaimedAt);
    }
}
