using Microsoft.Extensions.Options;

namespace Tickets.Administration;

/// <summary>
/// One piece of configuration read from the store (the teams, the categories, the SLA policies, the calendars) and kept for
/// <see cref="AdministrationOptions.CacheLifetime"/>, so the request path does not read it every time while every instance
/// sharing the store still agrees within seconds. A write through this instance calls <see cref="Invalidate"/>. Concurrent
/// readers of a lapsed value share one load. One instance per <typeparamref name="T"/> (a singleton).
/// </summary>
public sealed class StoreCache<T>(TimeProvider time, IOptions<AdministrationOptions> options) where T : class
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile Entry? _current;

    public async ValueTask<T> GetAsync(Func<CancellationToken, Task<T>> load, CancellationToken cancellationToken)
    {
        if (Fresh(_current) is { } value) return value;
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(_current) is { } loaded) return loaded;
            var stamp = Volatile.Read(ref _generation);
            var read = await load(cancellationToken);
            // An invalidation during the load may mean the read missed the newest write: serve it once, keep nothing.
            if (Volatile.Read(ref _generation) == stamp) _current = new Entry(read, time.GetUtcNow() + options.Value.CacheLifetime);
            return read;
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>The next read loads from the store (after a write through this instance).</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _current = null;
    }

    private long _generation;

    private T? Fresh(Entry? entry) => entry is not null && time.GetUtcNow() < entry.Until ? entry.Value : null;

    private sealed record Entry(T Value, DateTimeOffset Until);
}
