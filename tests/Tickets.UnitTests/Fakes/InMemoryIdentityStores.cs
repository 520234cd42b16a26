using System.Collections.Concurrent;
using Tickets.Administration.Audit;
using Tickets.Common;
using Tickets.Identity;
using Tickets.Users;

namespace Tickets.UnitTests.Fakes;

/// <summary>In-memory users for service tests; the store contract suite covers the real adapters.</summary>
public sealed class InMemoryUserStore : IUserStore
{
    private readonly ConcurrentDictionary<string, User> _users = new();
    private readonly List<AuditEntry> _audit = [];

    /// <summary>The audit entries written with the accounts' changes, oldest first.</summary>
    public IReadOnlyList<AuditEntry> Audit
    {
        get
        {
            lock (_users) return [.. _audit];
        }
    }

    public Task<User?> FindByIdAsync(string id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_users.GetValueOrDefault(id));

    public Task<User?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken = default) =>
        Task.FromResult(_users.Values.FirstOrDefault(u => u.Email == normalizedEmail));

    public Task<User?> FindByDniAsync(string dni, CancellationToken cancellationToken = default) =>
        Task.FromResult(_users.Values.FirstOrDefault(u => u.Dni == dni));

    public Task<UserWrite> CreateAsync(User user, AuditEntry? audit = null, CancellationToken cancellationToken = default)
    {
        lock (_users)
        {
            if (_users.Values.Any(u => u.Email == user.Email)) return Task.FromResult(UserWrite.DuplicateEmail);
            if (_users.Values.Any(u => u.Dni == user.Dni)) return Task.FromResult(UserWrite.DuplicateDni);
            _users[user.Id] = user with { Version = 1 };
            if (audit is not null) _audit.Add(audit);
            return Task.FromResult(UserWrite.Done);
        }
    }

    public Task<UserWrite> UpdateAsync(User user, IReadOnlyList<AuditEntry>? audit = null, CancellationToken cancellationToken = default)
    {
        lock (_users)
        {
            if (!_users.TryGetValue(user.Id, out var stored)) return Task.FromResult(UserWrite.NotFound);
            if (stored.Version != user.Version) return Task.FromResult(UserWrite.VersionConflict);
            if (stored.IsActiveAdmin && !user.IsActiveAdmin && !_users.Values.Any(u => u.Id != user.Id && u.IsActiveAdmin))
                return Task.FromResult(UserWrite.LastActiveAdmin);
            _users[user.Id] = user with { Version = stored.Version + 1 };
            _audit.AddRange(audit ?? []);
            return Task.FromResult(UserWrite.Done);
        }
    }

    public Task<Page<User>> ListAsync(UserQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(new Page<User>(_users.Values.ToList(), null));

    public Task<bool> AnyActiveAdminAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(_users.Values.Any(u => u.IsActiveAdmin));

    public Task<IReadOnlyList<User>> ListActiveByRoleAsync(IReadOnlyList<Role> roles, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<User>>(_users.Values.Where(u => u.Active && roles.Contains(u.Role)).ToList());
}

public sealed class InMemoryRefreshTokenStore : IRefreshTokenStore
{
    private readonly ConcurrentDictionary<string, RefreshToken> _tokens = new();

    public IReadOnlyCollection<RefreshToken> All => _tokens.Values.ToList();

    public Task AddAsync(RefreshToken token, CancellationToken cancellationToken = default)
    {
        _tokens.TryAdd(token.TokenHash, token);
        return Task.CompletedTask;
    }

    public Task<RefreshToken?> FindAsync(string tokenHash, CancellationToken cancellationToken = default) =>
        Task.FromResult(_tokens.GetValueOrDefault(tokenHash));

    public Task<bool> TrySpendAsync(string tokenHash, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        lock (_tokens)
        {
            if (!_tokens.TryGetValue(tokenHash, out var token) || token.SpentAt is not null || token.RevokedAt is not null)
                return Task.FromResult(false);
            _tokens[tokenHash] = token with { SpentAt = at };
            return Task.FromResult(true);
        }
    }

    public Task RevokeFamilyAsync(string familyId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        RevokeWhere(t => t.FamilyId == familyId, at);

    public Task RevokeAllForUserAsync(string userId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        RevokeWhere(t => t.UserId == userId, at);

    private Task RevokeWhere(Func<RefreshToken, bool> match, DateTimeOffset at)
    {
        foreach (var token in _tokens.Values.Where(match).Where(t => t.RevokedAt is null))
            _tokens[token.TokenHash] = token with { RevokedAt = at };
        return Task.CompletedTask;
    }
}

/// <summary>The throttle's rules in memory, each decision under one lock like the stores' atomic writes.</summary>
public sealed class InMemoryLoginThrottleStore : ILoginThrottleStore
{
    private readonly Dictionary<string, List<DateTimeOffset>> _attempts = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, DateTimeOffset), int> _counters = new();

    /// <summary>Keys with attempts counted now, for tests that check which bucket a claim went to.</summary>
    public IReadOnlyCollection<string> Keys { get { lock (_attempts) return _attempts.Keys.ToList(); } }

    public Task<ThrottleClaim> TryClaimAsync(string key, int limit, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_attempts)
        {
            var counted = _attempts.GetValueOrDefault(key, []).Where(at => at >= now - window).Order().ToList();
            if (counted.Count >= limit) return Task.FromResult(ThrottleClaim.Refuse(counted[counted.Count - limit] + window));
            _attempts[key] = [.. counted, now];
            return Task.FromResult(ThrottleClaim.Grant(now));
        }
    }

    public Task ClearAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_attempts) _attempts.Remove(key);
        return Task.CompletedTask;
    }

    public Task<ThrottleClaim> TryCountAsync(string key, DateTimeOffset windowStart, TimeSpan window, int limit, CancellationToken cancellationToken = default)
    {
        lock (_counters)
        {
            var count = _counters.GetValueOrDefault((key, windowStart));
            if (count >= limit) return Task.FromResult(ThrottleClaim.Refuse(windowStart + window));
            _counters[(key, windowStart)] = count + 1;
            return Task.FromResult(ThrottleClaim.Grant(windowStart));
        }
    }
}
