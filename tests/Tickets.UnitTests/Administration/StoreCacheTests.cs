using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Tickets.Administration;

namespace Tickets.UnitTests.Administration;

public sealed class StoreCacheTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private int _loads;

    private StoreCache<string> Cache() =>
        new(_time, Options.Create(new AdministrationOptions { CacheLifetime = TimeSpan.FromSeconds(5) }));

    private Task<string> Load(CancellationToken cancellationToken) => Task.FromResult("version " + Interlocked.Increment(ref _loads));

    [Fact]
    public async Task AValueIsServedFromTheCacheWithinItsLifetime()
    {
        var cache = Cache();
        var first = await cache.GetAsync(Load, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(4.9));

        var second = await cache.GetAsync(Load, CancellationToken.None);

        Assert.Equal("version 1", first);
        Assert.Equal("version 1", second);
        Assert.Equal(1, _loads);
    }

    [Fact]
    public async Task AValueIsReadAgainOnceItsLifetimeHasPassed()
    {
        var cache = Cache();
        await cache.GetAsync(Load, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal("version 2", await cache.GetAsync(Load, CancellationToken.None));
    }

    [Fact]
    public async Task AWriteThroughThisInstanceAppliesToTheNextRead()
    {
        var cache = Cache();
        await cache.GetAsync(Load, CancellationToken.None);

        cache.Invalidate();

        Assert.Equal("version 2", await cache.GetAsync(Load, CancellationToken.None));
    }

    [Fact]
    public async Task ConcurrentReadersOfALapsedValueShareOneLoad()
    {
        var cache = Cache();
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var loads = 0;
        Task<string> SlowLoad(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref loads);
            return release.Task;
        }

        var asked = 0;
        var readers = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            Interlocked.Increment(ref asked);
            return cache.GetAsync(SlowLoad, CancellationToken.None).AsTask();
        })).ToList();
        // Every reader has asked (one loads, the rest wait for it) before the load answers.
        await Eventually(() => Volatile.Read(ref asked) == 8 && Volatile.Read(ref loads) >= 1);
        release.SetResult("shared");
        var values = await Task.WhenAll(readers);

        Assert.All(values, v => Assert.Equal("shared", v));
        Assert.Equal(1, loads);
    }

    [Fact]
    public async Task AValueLoadedWhileAWriteInvalidatedTheCacheIsServedOnceButNotKept()
    {
        var cache = Cache();
        var value = await cache.GetAsync(ct =>
        {
            cache.Invalidate();
            return Load(ct);
        }, CancellationToken.None);

        Assert.Equal("version 1", value);
        Assert.Equal("version 2", await cache.GetAsync(Load, CancellationToken.None));
    }

    private static async Task Eventually(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition()) await Task.Delay(10, timeout.Token);
    }
}
