using System.Collections.Concurrent;
using MimeKit;
using Tickets.Common;
using Tickets.Inbound;
using Tickets.Tickets;
using Tickets.UnitTests.Tickets;
using Tickets.Users;

namespace Tickets.UnitTests.Inbound;

/// <summary>The e-mail channel's records in memory; the store contract suite covers the real adapters.</summary>
internal sealed class InMemoryInboundMailStore : IInboundMailStore
{
    private readonly ConcurrentDictionary<string, InboundMailRecord> _records = new();
    private readonly ConcurrentDictionary<string, MailboxState> _mailboxes = new();

    public IReadOnlyCollection<InboundMailRecord> All => _records.Values.ToList();

    public Task<InboundMailRecord?> FindAsync(string id, CancellationToken cancellationToken = default) => Task.FromResult(_records.GetValueOrDefault(id));

    public Task<InboundMailRecord> AddAsync(InboundMailRecord record, CancellationToken cancellationToken = default) =>
        Task.FromResult(_records.GetOrAdd(record.Id, record));

    public Task<IReadOnlyList<InboundMailRecord>> ListRecentAsync(int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<InboundMailRecord>>(_records.Values.OrderByDescending(r => r.ProcessedAt).ThenByDescending(r => r.Id).Take(limit).ToList());

    public Task<IReadOnlyDictionary<string, int>> CountSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, int>>(_records.Values.Where(r => r.ProcessedAt >= since)
            .GroupBy(r => r.Reason is { } reason ? Json.EnumName(reason) : Json.EnumName(r.Outcome)).ToDictionary(g => g.Key, g => g.Count()));

    public Task<int> DeleteProcessedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        var old = _records.Values.Where(r => r.ProcessedAt < before).ToList();
        foreach (var r in old) _records.TryRemove(r.Id, out _);
        return Task.FromResult(old.Count);
    }

    public Task<MailboxState?> GetMailboxAsync(string mailbox, CancellationToken cancellationToken = default) => Task.FromResult(_mailboxes.GetValueOrDefault(mailbox));

    public Task<MailboxState?> SaveMailboxAsync(MailboxState state, CancellationToken cancellationToken = default)
    {
        lock (_mailboxes)
        {
            var stored = _mailboxes.GetValueOrDefault(state.Mailbox);
            if ((stored?.Version ?? 0) != state.Version) return Task.FromResult<MailboxState?>(null);
            var saved = state with { Version = state.Version + 1 };
            _mailboxes[state.Mailbox] = saved;
            return Task.FromResult<MailboxState?>(saved);
        }
    }
}

internal sealed class InMemoryInboundBlobs : IInboundMailBlobs
{
    private readonly ConcurrentDictionary<string, byte[]> _blobs = new();

    public void Put(string name, byte[] content) => _blobs[name] = content;

    public async Task WriteAsync(string name, Stream content, CancellationToken cancellationToken = default)
    {
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, cancellationToken);
        _blobs[name] = copy.ToArray();
    }

    public Task<Stream?> OpenReadAsync(string name, CancellationToken cancellationToken = default) =>
        Task.FromResult<Stream?>(_blobs.TryGetValue(name, out var bytes) ? new MemoryStream(bytes, writable: false) : null);

    public Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        _blobs.TryRemove(name, out _);
        return Task.CompletedTask;
    }
}

/// <summary>
/// The desk over real <see cref="Ticket"/> aggregates in memory: visibility, closed tickets and idempotent ids behave as
/// the ticket writer's. Records the files each call brought.
/// </summary>
internal sealed class FakeDesk : IInboundDesk
{
    private readonly Dictionary<string, Ticket> _tickets = [];
    private readonly List<(string TicketId, Comment Comment)> _comments = [];
    private long _number = 100;

    public IReadOnlyCollection<Ticket> Tickets => _tickets.Values;

    public IReadOnlyList<(string TicketId, Comment Comment)> Comments => _comments;

    public List<IReadOnlyList<MailFile>> Files { get; } = [];

    public int Calls { get; private set; }

    public Ticket Add(Ticket ticket) => _tickets[ticket.Id] = ticket;

    public Task<Result<Ticket>> FindTicketAsync(User sender, string idOrNumber, CancellationToken cancellationToken)
    {
        Calls++;
        var found = Ticket.TryParseNumber(idOrNumber, out var number)
            ? _tickets.Values.FirstOrDefault(t => t.Number == number)
            : _tickets.GetValueOrDefault(idOrNumber);
        return Task.FromResult<Result<Ticket>>(found is not null && found.IsVisibleTo(Actor.Of(sender)) ? found : Error.NotFound("ticket"));
    }

    public Task<Result<Ticket>> CreateTicketAsync(User sender, string id, string title, string description, IReadOnlyList<MailFile> files, CancellationToken cancellationToken)
    {
        Calls++;
        if (_tickets.TryGetValue(id, out var made)) return Task.FromResult<Result<Ticket>>(made);
        var opened = Ticket.Create(id, ++_number, new CreateTicketRequest(title, description), Actor.Of(sender), Build.Rules(), Build.Start);
        if (!opened.IsSuccess) return Task.FromResult<Result<Ticket>>(opened.Error!);
        Files.Add(files);
        return Task.FromResult<Result<Ticket>>(_tickets[id] = opened.Value.Ticket);
    }

    public Task<Result<TicketChange>> CommentAsync(User sender, string ticketId, string id, string body, IReadOnlyList<MailFile> files, CancellationToken cancellationToken)
    {
        Calls++;
        var ticket = _tickets[ticketId];
        if (_comments.FirstOrDefault(c => c.TicketId == ticketId && c.Comment.Id == id) is { Comment: { } written })
            return Task.FromResult<Result<TicketChange>>(new TicketChange(ticket, [], written));
        var change = ticket.AddComment(Actor.Of(sender), id, new CommentRequest(body, Internal: false), Build.Rules(), Build.Start.AddHours(1));
        if (!change.IsSuccess) return Task.FromResult(change);
        _tickets[ticketId] = change.Value.Ticket;
        _comments.Add((ticketId, change.Value.Comment!));
        Files.Add(files);
        return Task.FromResult(change);
    }
}

/// <summary>Makes the account as <see cref="MailAccounts"/> asks for it, straight into the user store.</summary>
internal sealed class FakeAccounts(IUserStore users) : IInboundAccounts
{
    public async Task<User> CreateAsync(MailboxAddress sender, CancellationToken cancellationToken)
    {
        var request = MailAccounts.RequestFor(sender, 0);
        Assert.True(request.Validate().IsValid);
        var user = new User
        {
            Id = "new-" + request.Email, Email = request.Email!, Dni = request.Dni!, Phone = request.Phone!, FirstNames = request.FirstNames!,
            LastNames = request.LastNames!, Department = request.Department!, Role = Role.User, Active = true, PasswordHash = "x",
            CreatedAt = Build.Start, UpdatedAt = Build.Start, InvitationPending = true,
        };
        await users.CreateAsync(user, null, cancellationToken);
        return user;
    }
}
