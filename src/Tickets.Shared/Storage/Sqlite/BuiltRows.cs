using System.Collections.Concurrent;

namespace Tickets.Storage.Sqlite;

/// <summary>
/// Immutable values built from rows, by id, each reused while its row's version (a ticket's ETag, an account's version)
/// is the one it was built at. Every write changes the version, so a changed row is always built anew and nothing stale
/// is served; the row itself is still read every time. Bounded: emptied when full.
/// </summary>
internal sealed class BuiltRows<TVersion, T>(Func<T, TVersion> versionOf) where TVersion : IEquatable<TVersion>
{
    private const int MaxEntries = 4_096;

    private readonly ConcurrentDictionary<string, T> _built = new(StringComparer.Ordinal);

    /// <summary>The value built for <paramref name="id"/> at <paramref name="version"/>, or a new one from <paramref name="build"/>.</summary>
    public T Get<TState>(string id, TVersion version, TState state, Func<TState, T> build)
    {
        if (_built.TryGetValue(id, out var known) && versionOf(known).Equals(version)) return known;

        var value = build(state);
        if (_built.Count >= MaxEntries) _built.Clear();
        _built[id] = value;
        return value;
    }
}
