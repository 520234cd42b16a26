using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Tickets.Administration;
using Tickets.Administration.Categories;
using Tickets.Administration.Teams;
using Tickets.Messaging;
using Tickets.Common;
using Tickets.Identity;
using Tickets.Tickets;
using Tickets.Users;

namespace Tickets.UnitTests.Tickets;

public sealed class TicketContentionTests
{
    private static readonly User Admin = new()
    {
        Id = Build.Admin.Id, Email = "ana@example.org", Dni = "10000001", Phone = "600000001", FirstNames = "Ana",
        LastNames = "Administradora", Department = "Sistemas", Role = Role.Admin, Active = true, PasswordHash = "x",
        CreatedAt = Build.Start, UpdatedAt = Build.Start,
    };

    private readonly Mock<ITicketStore> _store = new();

    /// <summary>The clock the back-off waits on: the tests move it, nothing sleeps.</summary>
    private readonly FakeTimeProvider _time = new(Build.Start);

    /// <summary>Lets the call run, moving the clock past every back-off it waits for, until it has answered.</summary>
    private async Task<T> WhileTheClockRuns<T>(Task<T> call)
    {
        while (!call.IsCompleted)
        {
            _time.Advance(Contention.LongestPause);
            await Task.Yield();
        }

        return await call;
    }

    private static TicketChange SystemNote(Ticket ticket) =>
        ticket.AddComment(Actor.Of(Admin), "note-1", new CommentRequest("Revisado."), Build.Rules(), Build.Start).Value;

    private SystemTicketChanges SystemChanges()
    {
        var users = new Mock<IUserStore>();
        users.Setup(u => u.ListActiveByRoleAsync(It.IsAny<IReadOnlyList<Role>>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        var outbox = new TicketOutbox(users.Object, new OutboxDispatcher(Mock.Of<IQueueSender>(), Mock.Of<IOutboxStore>(),
            Options.Create(new OutboxOptions()), NullLogger<OutboxDispatcher>.Instance), _time);
        return new SystemTicketChanges(_store.Object, new TicketWriter(_store.Object, outbox, _time, NullLogger<TicketWriter>.Instance));
    }

    private TicketService Service()
    {
        var me = new CurrentUser();
        me.SignIn(Admin);
        var users = new Mock<IUserStore>();
        users.Setup(u => u.ListActiveByRoleAsync(It.IsAny<IReadOnlyList<Role>>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        var outbox = new TicketOutbox(users.Object, new OutboxDispatcher(Mock.Of<IQueueSender>(), Mock.Of<IOutboxStore>(),
            Options.Create(new OutboxOptions()), NullLogger<OutboxDispatcher>.Instance), _time);
        var teams = new Mock<ITeamStore>();
        teams.Setup(t => t.ListAsync(It.IsAny<CancellationToken>())).ReturnsAsync([]);
        var categories = new Mock<ICategoryStore>();
        categories.Setup(c => c.ListAsync(It.IsAny<CancellationToken>())).ReturnsAsync(CategoryCatalog.Defaults);
        var cacheOptions = Options.Create(new AdministrationOptions());
        return new TicketService(_store.Object, users.Object, me, Build.Rules(),
            new CategoryCatalogs(categories.Object, new StoreCache<CategoryCatalog>(_time, cacheOptions)),
            new TeamDirectories(teams.Object, new StoreCache<TeamDirectory>(_time, cacheOptions)),
            teams.Object,
            Build.Policies(Build.Rules(), _time),
            new AutoAssigner(Options.Create(new AssignmentOptions()), users.Object, _store.Object, teams.Object),
            outbox,
            new TicketWriter(_store.Object, outbox, _time, NullLogger<TicketWriter>.Instance),
            new global::Tickets.Attachments.AttachmentClaims(Mock.Of<global::Tickets.Attachments.IUploadStore>(), Mock.Of<global::Tickets.Attachments.IAttachmentBlobs>(), _time, NullLogger<global::Tickets.Attachments.AttachmentClaims>.Instance),
            new SignedCursors(new ServerKeys(Options.Create(new JwtOptions
            {
                SigningKeys = [new SigningKeyOptions { Id = "k", Key = Convert.ToBase64String(new byte[32]) }],
            }))),
            _time, NullLogger<TicketService>.Instance);
    }

    [Fact]
    public async Task ATicketThatKeepsChangingAnswersBusyInsteadOfFailing()
    {
        var ticket = Build.NewTicket() with { ETag = "e1" };
        _store.Setup(s => s.FindAsync(ticket.Id, It.IsAny<CancellationToken>())).ReturnsAsync(ticket);
        _store.Setup(s => s.SaveAsync(It.IsAny<TicketChange>(), "e1", It.IsAny<CancellationToken>())).ReturnsAsync((Ticket?)null);

        var result = await WhileTheClockRuns(Service().CommentAsync(ticket.Id, new CommentRequest("¿Sigue fallando?"), CancellationToken.None));

        Assert.Equal(ErrorKind.Unavailable, result.Error!.Kind);
        Assert.Equal(TimeSpan.FromSeconds(1), result.Error.RetryAfter);
        _store.Verify(s => s.SaveAsync(It.IsAny<TicketChange>(), "e1", It.IsAny<CancellationToken>()), Times.Exactly(Contention.MaxAttempts));
    }

    [Fact]
    public async Task ASystemChangeToATicketThatKeepsChangingIsThrownToItsTriggerWithNothingWritten()
    {
        var ticket = Build.NewTicket() with { ETag = "e1" };
        _store.Setup(s => s.FindAsync(ticket.Id, It.IsAny<CancellationToken>())).ReturnsAsync(ticket);
        _store.Setup(s => s.SaveAsync(It.IsAny<TicketChange>(), "e1", It.IsAny<CancellationToken>())).ReturnsAsync((Ticket?)null);

        // The same writer as the routes': re-read and re-applied up to the same number of attempts, then given back.
        await Assert.ThrowsAsync<InvalidOperationException>(() => WhileTheClockRuns(SystemChanges().ApplyAsync(ticket.Id, SystemNote, CancellationToken.None)));
        _store.Verify(s => s.SaveAsync(It.IsAny<TicketChange>(), "e1", It.IsAny<CancellationToken>()), Times.Exactly(Contention.MaxAttempts));
    }

    [Fact]
    public async Task ASystemChangeToATicketGoneOrAlreadyChangedWritesNothing()
    {
        var ticket = Build.NewTicket() with { ETag = "e1" };
        _store.Setup(s => s.FindAsync(ticket.Id, It.IsAny<CancellationToken>())).ReturnsAsync(ticket);

        Assert.False(await SystemChanges().ApplyAsync("gone", SystemNote, CancellationToken.None));
        Assert.False(await SystemChanges().ApplyAsync(ticket.Id, t => new TicketChange(t, []), CancellationToken.None));
        _store.Verify(s => s.SaveAsync(It.IsAny<TicketChange>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task AConflictIsReReadAndTheChangeReApplied()
    {
        var stale = Build.NewTicket() with { ETag = "e1" };
        var fresh = stale with { ETag = "e2" };
        _store.SetupSequence(s => s.FindAsync(stale.Id, It.IsAny<CancellationToken>())).ReturnsAsync(stale).ReturnsAsync(fresh);
        _store.Setup(s => s.SaveAsync(It.IsAny<TicketChange>(), "e1", It.IsAny<CancellationToken>())).ReturnsAsync((Ticket?)null);
        _store.Setup(s => s.SaveAsync(It.IsAny<TicketChange>(), "e2", It.IsAny<CancellationToken>()))
            .ReturnsAsync((TicketChange change, string _, CancellationToken _) => change.Ticket with { ETag = "e3" });

        var result = await WhileTheClockRuns(Service().CommentAsync(stale.Id, new CommentRequest("¿Sigue fallando?"), CancellationToken.None));

        Assert.True(result.IsSuccess);
        _store.Verify(s => s.SaveAsync(It.IsAny<TicketChange>(), "e2", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ACommentRetriedUnderAnIdItWasWrittenWithIsAnsweredAndNotWrittenAgain()
    {
        var ticket = Build.NewTicket() with { ETag = "e1" };
        var made = new Comment("comment-1", ticket.Id, new CommentAuthor(Admin.Id, Admin.FullName, Role.Admin), "¿Sigue fallando?", false, Build.Start);
        _store.Setup(s => s.FindAsync(ticket.Id, It.IsAny<CancellationToken>())).ReturnsAsync(ticket);
        _store.Setup(s => s.FindCommentAsync(ticket.Id, "comment-1", It.IsAny<CancellationToken>())).ReturnsAsync(made);

        var result = await Service().CommentAsync(ticket.Id, new CommentRequest("¿Sigue fallando?"), "comment-1", null, CancellationToken.None);

        Assert.Equal(made, result.Value.Comment);
        _store.Verify(s => s.SaveAsync(It.IsAny<TicketChange>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task ACommentUnderAnIdIsLookedForAgainAfterAConflictAndFoundWrittenByTheEarlierAttempt()
    {
        var stale = Build.NewTicket() with { ETag = "e1" };
        var made = new Comment("comment-1", stale.Id, new CommentAuthor(Admin.Id, Admin.FullName, Role.Admin), "¿Sigue fallando?", false, Build.Start);
        _store.SetupSequence(s => s.FindAsync(stale.Id, It.IsAny<CancellationToken>())).ReturnsAsync(stale).ReturnsAsync(stale with { ETag = "e2" });
        _store.SetupSequence(s => s.FindCommentAsync(stale.Id, "comment-1", It.IsAny<CancellationToken>())).ReturnsAsync((Comment?)null).ReturnsAsync(made);
        _store.Setup(s => s.SaveAsync(It.IsAny<TicketChange>(), "e1", It.IsAny<CancellationToken>())).ReturnsAsync((Ticket?)null);

        var result = await WhileTheClockRuns(Service().CommentAsync(stale.Id, new CommentRequest("¿Sigue fallando?"), "comment-1", null, CancellationToken.None));

        Assert.Equal(made, result.Value.Comment);
        _store.Verify(s => s.SaveAsync(It.IsAny<TicketChange>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ARetryWithAStaleIfMatchWhoseCommentWasWrittenIsAnsweredNotRefused()
    {
        // The first attempt wrote the comment, so the ticket's ETag moved on: the retry's If-Match is stale, but its comment is there.
        var ticket = Build.NewTicket() with { ETag = "e2" };
        var made = new Comment("comment-1", ticket.Id, new CommentAuthor(Admin.Id, Admin.FullName, Role.Admin), "Resuelto.", false, Build.Start);
        _store.Setup(s => s.FindAsync(ticket.Id, It.IsAny<CancellationToken>())).ReturnsAsync(ticket);
        _store.Setup(s => s.FindCommentAsync(ticket.Id, "comment-1", It.IsAny<CancellationToken>())).ReturnsAsync(made);

        var result = await Service().CommentAsync(ticket.Id, new CommentRequest("Resuelto.", Status: "resolved"), "comment-1", "e1", CancellationToken.None);

        Assert.Equal((made, "e2"), (result.Value.Comment, result.Value.Ticket.ETag));
        _store.Verify(s => s.SaveAsync(It.IsAny<TicketChange>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task ACreateUnderAnIdAlreadyWrittenAnswersThatTicketAndWritesNothing()
    {
        var made = Build.NewTicket() with { ETag = "e1" };
        _store.Setup(s => s.FindAsync(made.Id, It.IsAny<CancellationToken>())).ReturnsAsync(made);

        var result = await Service().CreateAsync(new CreateTicketRequest("Sin red", "No hay red.", null), made.Id, CancellationToken.None);

        Assert.Equal(made, result.Value);
        _store.Verify(s => s.CreateAsync(It.IsAny<Func<long, TicketChange>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task ACreateWhoseIdIsTakenDuringItsWriteAnswersTheTicketWrittenFirst()
    {
        var first = Build.NewTicket() with { ETag = "e1" };
        _store.SetupSequence(s => s.FindAsync(first.Id, It.IsAny<CancellationToken>())).ReturnsAsync((Ticket?)null).ReturnsAsync(first);
        _store.Setup(s => s.CreateAsync(It.IsAny<Func<long, TicketChange>>(), It.IsAny<CancellationToken>())).ReturnsAsync((Ticket?)null);

        var result = await Service().CreateAsync(new CreateTicketRequest("Sin red", "No hay red.", null), first.Id, CancellationToken.None);

        Assert.Equal(first, result.Value);
    }
}

public sealed class ContentionBackOffTests
{
    [Fact]
    public void PausesGrowWithEachConflictUpToACap()
    {
        for (var i = 0; i < 200; i++)
        {
            Assert.InRange(Contention.PauseAfter(1), TimeSpan.Zero, TimeSpan.FromMilliseconds(3));
            Assert.InRange(Contention.PauseAfter(20), TimeSpan.Zero, Contention.LongestPause - TimeSpan.FromMilliseconds(1));
        }
    }

    [Fact]
    public async Task TheBackOffWaitsOnTheGivenClock()
    {
        var time = new FakeTimeProvider(Build.Start);

        var wait = Contention.BackOffAsync(20, time, CancellationToken.None);
        time.Advance(Contention.LongestPause);

        await wait.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
