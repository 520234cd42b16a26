using System.Collections.Concurrent;
using Tickets.Identity;
using Tickets.Messaging;

namespace Tickets.UnitTests.Fakes;

public sealed class InMemoryPasswordTokenStore : IPasswordTokenStore
{
    private readonly ConcurrentDictionary<string, PasswordToken> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<OutboxMessage> _mail = new();

    public IReadOnlyCollection<PasswordToken> All => _tokens.Values.ToList();

    public IReadOnlyCollection<OutboxMessage> Mail => _mail.ToList();

    public Task AddAsync(PasswordToken token, OutboxMessage mail, CancellationToken cancellationToken = default)
    {
        lock (_tokens)
        {
            if (_tokens.ContainsKey(token.TokenHash)) return Task.CompletedTask;
            foreach (var earlier in _tokens.Values.Where(t => t.UserId == token.UserId && t.UsedAt is null && t.ReplacedAt is null).ToList())
                _tokens[earlier.TokenHash] = earlier with { ReplacedAt = token.CreatedAt };
            _tokens[token.TokenHash] = token;
            _mail.Enqueue(mail);
        }

        return Task.CompletedTask;
    }

    public Task<PasswordToken?> FindAsync(string tokenHash, CancellationToken cancellationToken = default) =>
        Task.FromResult(_tokens.GetValueOrDefault(tokenHash));

    public Task<bool> TryUseAsync(string tokenHash, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        lock (_tokens)
        {
            if (!_tokens.TryGetValue(tokenHash, out var token) || token.UsedAt is not null || token.ReplacedAt is not null) return Task.FromResult(false);
            _tokens[tokenHash] = token with { UsedAt = at };
            return Task.FromResult(true);
        }
    }

    public Task MarkEmailedAsync(string tokenHash, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        lock (_tokens)
        {
            if (_tokens.TryGetValue(tokenHash, out var token) && token.EmailedAt is null) _tokens[tokenHash] = token with { EmailedAt = at };
            return Task.CompletedTask;
        }
    }
}
