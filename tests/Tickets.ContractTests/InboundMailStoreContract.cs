using Tickets.Inbound;

namespace Tickets.ContractTests;

/// <summary>
/// The e-mail channel's store: a processed message is kept once by its key (the same message again answers the first
/// record), admins read the newest first and the figures per outcome, old records go; a mailbox's poll state is saved
/// only over the version it was read at.
/// </summary>
public abstract class InboundMailStoreContract(IStoreUnderTest store) : StoreContract(store)
{
    /// <summary>A mailbox name with the characters a document id may not hold.</summary>
    private const string Mailbox = "soporte@tickets.example/INBOX?#";

    private IInboundMailStore Inbound => Get<IInboundMailStore>();

    private static string NewKey() => Guid.NewGuid().ToString("N");

    private InboundMailRecord Record(
        string? id = null, InboundOutcome outcome = InboundOutcome.Ticket, InboundRefusal? reason = null, DateTimeOffset? processedAt = null, string subject = "No puedo imprimir")
    {
        var at = processedAt ?? Time.GetUtcNow();
        var key = id ?? NewKey();
        return new InboundMailRecord(key, $"<{key}@mail.example>", "lucia@example.com", subject, InboundDoor.Mailbox, at.AddSeconds(-5), at, outcome)
        {
            Reason = reason,
            TicketId = outcome == InboundOutcome.Refused ? null : "ticket-1",
            TicketNumber = outcome == InboundOutcome.Refused ? null : "TCK-000001",
            CommentId = outcome == InboundOutcome.Comment ? "comment-1" : null,
        };
    }

    [StoreFact]
    public async Task AnAddedRecordIsFoundByItsKey()
    {
        var record = Record(outcome: InboundOutcome.Comment);

        var added = await Inbound.AddAsync(record);

        Assert.Equal(record, added);
        Assert.Equal(record, await Inbound.FindAsync(record.Id));
        Assert.Null(await Inbound.FindAsync(NewKey()));
    }

    [StoreFact]
    public async Task TheSameMessageAgainKeepsAndAnswersTheFirstRecord()
    {
        var first = Record();
        await Inbound.AddAsync(first);
        var again = Record(first.Id, InboundOutcome.Refused, InboundRefusal.AutoReply, Time.GetUtcNow().AddMinutes(3), "Otra vez");

        var answered = await Inbound.AddAsync(again);

        Assert.Equal(first, answered);
        Assert.Equal(first, await Inbound.FindAsync(first.Id));
    }

    [StoreFact]
    public async Task OfTwoConcurrentAddsOfOneMessageOneIsKeptAndBothAnswerIt()
    {
        var id = NewKey();
        var one = Record(id, subject: "Primero");
        var other = Record(id, InboundOutcome.Comment, subject: "Segundo");

        var answers = await Task.WhenAll(Task.Run(() => Inbound.AddAsync(one)), Task.Run(() => Inbound.AddAsync(other)));

        var kept = await Inbound.FindAsync(id);
        Assert.Contains(kept, new[] { one, other });
        Assert.All(answers, answer => Assert.Equal(kept, answer));
    }

    [StoreFact]
    public async Task RecentRecordsListNewestFirstThenByKeyUpToTheLimit()
    {
        var start = Time.GetUtcNow();
        var oldest = await Inbound.AddAsync(Record(processedAt: start));
        var tiedLow = await Inbound.AddAsync(Record("a" + NewKey(), processedAt: start.AddMinutes(1)));
        var tiedHigh = await Inbound.AddAsync(Record("b" + NewKey(), processedAt: start.AddMinutes(1)));
        var newest = await Inbound.AddAsync(Record(processedAt: start.AddMinutes(2)));

        Assert.Equal([newest, tiedHigh, tiedLow, oldest], await Inbound.ListRecentAsync(10));
        Assert.Equal([newest, tiedHigh], await Inbound.ListRecentAsync(2));
        Assert.Empty(await Inbound.ListRecentAsync(0));
    }

    [StoreFact]
    public async Task FiguresCountEachOutcomeAndEachRefusalReasonSinceTheInstant()
    {
        var since = Time.GetUtcNow();
        await Inbound.AddAsync(Record(processedAt: since.AddSeconds(-1)));
        await Inbound.AddAsync(Record(processedAt: since));
        await Inbound.AddAsync(Record(processedAt: since.AddMinutes(1)));
        await Inbound.AddAsync(Record(outcome: InboundOutcome.Comment, processedAt: since.AddMinutes(2)));
        await Inbound.AddAsync(Record(outcome: InboundOutcome.Refused, reason: InboundRefusal.AutoReply, processedAt: since.AddMinutes(3)));
        await Inbound.AddAsync(Record(outcome: InboundOutcome.Refused, reason: InboundRefusal.AutoReply, processedAt: since.AddMinutes(4)));
        await Inbound.AddAsync(Record(outcome: InboundOutcome.Refused, reason: InboundRefusal.UnknownSender, processedAt: since.AddMinutes(5)));

        var counts = await Inbound.CountSinceAsync(since);

        Assert.Equal(
            new Dictionary<string, int> { ["ticket"] = 2, ["comment"] = 1, ["auto_reply"] = 2, ["unknown_sender"] = 1 },
            counts.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary());
        Assert.Empty(await Inbound.CountSinceAsync(since.AddMinutes(6)));
    }

    [StoreFact]
    public async Task RecordsProcessedBeforeTheInstantAreDeletedAndCounted()
    {
        var cutoff = Time.GetUtcNow();
        var old = await Inbound.AddAsync(Record(processedAt: cutoff.AddDays(-40)));
        var older = await Inbound.AddAsync(Record(outcome: InboundOutcome.Refused, reason: InboundRefusal.Bounce, processedAt: cutoff.AddDays(-41)));
        var atCutoff = await Inbound.AddAsync(Record(processedAt: cutoff));
        var recent = await Inbound.AddAsync(Record(processedAt: cutoff.AddDays(1)));

        var deleted = await Inbound.DeleteProcessedBeforeAsync(cutoff);

        Assert.Equal(2, deleted);
        Assert.Null(await Inbound.FindAsync(old.Id));
        Assert.Null(await Inbound.FindAsync(older.Id));
        Assert.Equal([recent, atCutoff], await Inbound.ListRecentAsync(10));
        Assert.Equal(0, await Inbound.DeleteProcessedBeforeAsync(cutoff));
    }

    [StoreFact]
    public async Task AMailboxStateIsCreatedFromVersionZeroAndEachSaveBumpsItsVersion()
    {
        Assert.Null(await Inbound.GetMailboxAsync(Mailbox));
        var polled = Time.GetUtcNow();

        var created = Assert.IsType<MailboxState>(await Inbound.SaveMailboxAsync(
            new MailboxState(Mailbox) { UidValidity = 1234, LastUid = 7, LastPollAt = polled, LastSuccessAt = polled, Queued = 7 }));
        var next = await Inbound.SaveMailboxAsync(created with { LastUid = 9, Queued = 9, LastError = "IOException: connection reset", LastErrorAt = polled.AddMinutes(1) });

        Assert.Equal(1, created.Version);
        Assert.Equal(created with { LastUid = 9, Queued = 9, LastError = "IOException: connection reset", LastErrorAt = polled.AddMinutes(1), Version = 2 }, next);
        Assert.Equal(next, await Inbound.GetMailboxAsync(Mailbox));
        Assert.Null(await Inbound.GetMailboxAsync("otro@tickets.example/INBOX"));
    }

    [StoreFact]
    public async Task ASaveFromAStaleVersionIsRefusedAndChangesNothing()
    {
        var created = Assert.IsType<MailboxState>(await Inbound.SaveMailboxAsync(new MailboxState(Mailbox) { UidValidity = 1234, LastUid = 7 }));
        var current = Assert.IsType<MailboxState>(await Inbound.SaveMailboxAsync(created with { LastUid = 8 }));

        Assert.Null(await Inbound.SaveMailboxAsync(created with { LastUid = 99 }));
        Assert.Null(await Inbound.SaveMailboxAsync(new MailboxState(Mailbox) { UidValidity = 1, LastUid = 99 }));
        Assert.Null(await Inbound.SaveMailboxAsync(current with { Version = 5, LastUid = 99 }));
        Assert.Equal(current, await Inbound.GetMailboxAsync(Mailbox));
    }

    [StoreFact]
    public async Task OfConcurrentSavesFromOneVersionOnlyOneWins()
    {
        var read = Assert.IsType<MailboxState>(await Inbound.SaveMailboxAsync(new MailboxState(Mailbox) { UidValidity = 1234, LastUid = 7 }));
        var saves = Enumerable.Range(8, 4).Select(uid => Task.Run(() => Inbound.SaveMailboxAsync(read with { LastUid = (uint)uid })));

        var answers = await Task.WhenAll(saves);

        var winner = Assert.Single(answers, a => a is not null);
        Assert.Equal(2, winner!.Version);
        Assert.Equal(winner, await Inbound.GetMailboxAsync(Mailbox));
    }

    [StoreFact]
    public async Task OfConcurrentFirstSavesOnlyOneCreatesTheState()
    {
        var saves = Enumerable.Range(1, 4).Select(uid => Task.Run(() => Inbound.SaveMailboxAsync(new MailboxState(Mailbox) { UidValidity = 1234, LastUid = (uint)uid })));

        var answers = await Task.WhenAll(saves);

        var winner = Assert.Single(answers, a => a is not null);
        Assert.Equal(1, winner!.Version);
        Assert.Equal(winner, await Inbound.GetMailboxAsync(Mailbox));
    }
}
