using Azure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Tickets.Administration.Audit;
using Tickets.Common;
using Tickets.Identity;
using Tickets.Messaging;
using Tickets.Sla.Policies;
using Tickets.UnitTests.Tickets;
using Tickets.Users;

namespace Tickets.UnitTests.Sla.Policies;

/// <summary>Asking for a re-plan: the queue message first, so a queue that refuses it leaves nothing recorded.</summary>
public sealed class SlaApplyTests
{
    private static readonly User Admin = new()
    {
        Id = Build.Admin.Id, Email = "ana@example.org", Dni = "10000001", Phone = "600000001", FirstNames = "Ana",
        LastNames = "Administradora", Department = "Sistemas", Role = Role.Admin, Active = true, PasswordHash = "x",
        CreatedAt = Build.Start, UpdatedAt = Build.Start,
    };

    private static readonly PriorityTargets Hour = new(60, 60);

    private readonly Mock<ISlaPolicyStore> _store = new();
    private readonly Mock<IQueueSender> _queue = new();

    public SlaApplyTests() =>
        _store.Setup(s => s.FindPolicyAsync("default", It.IsAny<CancellationToken>())).ReturnsAsync(
            new StoredSlaPolicy(new SlaPolicyVersion("default", "Default", 3, new PolicyTargets(Hour, Hour, Hour, Hour), null, 0.75, Build.Start), true, "e1"));

    private SlaAdministration Administration()
    {
        var time = new FakeTimeProvider(Build.Start);
        var me = new CurrentUser();
        me.SignIn(Admin);
        return new SlaAdministration(_store.Object, Build.Policies(Build.Rules(), time), me, _queue.Object, time, NullLogger<SlaAdministration>.Instance);
    }

    [Fact]
    public async Task AnAcceptedReplanIsQueuedThenAudited()
    {
        var accepted = await Administration().ApplyAsync("default", CancellationToken.None);

        Assert.True(accepted.IsSuccess);
        _queue.Verify(q => q.SendAsync(QueueNames.SlaReplans, It.IsAny<string>(), null, It.IsAny<CancellationToken>()), Times.Once);
        _store.Verify(s => s.AppendAuditAsync(It.Is<AuditEntry>(e => e.Action == "slaPolicy.applied" && e.Target.Id == "default"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task AQueueThatRefusesTheMessageIsA503AndNothingIsAudited()
    {
        _queue.Setup(q => q.SendAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<DateTimeOffset?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(503, "Server busy"));

        var refused = await Administration().ApplyAsync("default", CancellationToken.None);

        Assert.Equal((ErrorKind.Unavailable, "queue_unavailable"), (refused.Error!.Kind, refused.Error.Code));
        Assert.NotNull(refused.Error.RetryAfter);
        _store.Verify(s => s.AppendAuditAsync(It.IsAny<AuditEntry>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
