using Tickets.Identity;
using Tickets.Messaging;

namespace Tickets.UnitTests.Fakes;

public sealed class InMemoryPendingRegistrationStore : IPendingRegistrationStore
{
    private readonly Dictionary<string, PendingRegistration> _registrations = new(StringComparer.Ordinal);
    private readonly List<OutboxMessage> _mail = [];

    public IReadOnlyList<PendingRegistration> All
    {
        get { lock (_registrations) return [.. _registrations.Values]; }
    }

    public IReadOnlyList<OutboxMessage> Mail
    {
        get { lock (_registrations) return [.. _mail]; }
    }

    public Task AddAsync(PendingRegistration registration, OutboxMessage mail, CancellationToken cancellationToken = default)
    {
        lock (_registrations)
        {
            foreach (var earlier in _registrations.Values.Where(r => r.Email == registration.Email && r.UsedAt is null && r.ReplacedAt is null).ToList())
                _registrations[earlier.TokenHash] = earlier with { ReplacedAt = registration.CreatedAt };
            _registrations.Add(registration.TokenHash, registration);
            _mail.Add(mail);
        }

        return Task.CompletedTask;
    }

    public Task<PendingRegistration?> FindAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        lock (_registrations) return Task.FromResult(_registrations.GetValueOrDefault(tokenHash));
    }

    public Task<bool> TryUseAsync(string tokenHash, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        lock (_registrations)
        {
            if (!_registrations.TryGetValue(tokenHash, out var found) || found.UsedAt is not null || found.ReplacedAt is not null)
                return Task.FromResult(false);
            _registrations[tokenHash] = found with { UsedAt = at };
            return Task.FromResult(true);
        }
    }

    public Task MarkEmailedAsync(string tokenHash, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        lock (_registrations)
        {
            if (_registrations.TryGetValue(tokenHash, out var found) && found.EmailedAt is null)
                _registrations[tokenHash] = found with { EmailedAt = at };
        }

        return Task.CompletedTask;
    }
}
