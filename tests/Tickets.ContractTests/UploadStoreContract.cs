using Tickets.Attachments;
using Tickets.Tickets;

namespace Tickets.ContractTests;

/// <summary>Uploads and their claims: an upload is attached once, by its uploader, all of a write's files or none.</summary>
public abstract class UploadStoreContract(IStoreUnderTest store) : StoreContract(store)
{
    private static readonly EventActor Uploader = new("requester-1", "Úrsula Usuaria");
    private static readonly EventActor SomeoneElse = new("requester-2", "Otro Usuario");
    private static readonly AttachmentTarget NewTicket = new("ticket-1", null, Internal: false);
    private static readonly AttachmentTarget Note = new("ticket-1", "comment-1", Internal: true);
    private static readonly AttachmentTarget OtherTicket = new("ticket-2", null, Internal: false);

    private IUploadStore Uploads => Get<IUploadStore>();

    private async Task<Upload> UploadAsync(EventActor? by = null, string fileName = "captura.png")
    {
        var upload = new Upload(Guid.NewGuid().ToString("N"), fileName, "image/png", 2048, new string('a', 64), by ?? Uploader, Time.GetUtcNow());
        await Uploads.AddAsync(upload);
        return upload;
    }

    /// <summary>What a stored upload is, its store-assigned ETag aside.</summary>
    private static Upload Content(Upload? upload) => Assert.IsType<Upload>(upload) with { ETag = "" };

    private Task<ClaimResult> ClaimAsync(AttachmentTarget target, params Upload[] uploads) =>
        Uploads.ClaimAsync(uploads.Select(u => u.Id).ToList(), Uploader.Id, target, Time.GetUtcNow());

    [StoreFact]
    public async Task AnAddedUploadIsFoundByItsIdUnreferenced()
    {
        var upload = await UploadAsync();

        var found = await Uploads.FindAsync(upload.Id);

        Assert.Equal(upload, Content(found));
        Assert.False(found!.IsClaimed);
        Assert.False(string.IsNullOrEmpty(found.ETag));
        Assert.Null(await Uploads.FindAsync(Guid.NewGuid().ToString("N")));
    }

    [StoreFact]
    public async Task TheUploadersOwnUnreferencedUploadsAreClaimedInTheOrderAsked()
    {
        var first = await UploadAsync(fileName: "uno.png");
        var second = await UploadAsync(fileName: "dos.png");
        var at = Time.GetUtcNow();

        var claimed = await ClaimAsync(Note, second, first);

        Assert.True(claimed.IsSuccess);
        Assert.Equal([second.Id, first.Id], claimed.Claimed.Select(u => u.Id));
        Assert.All(claimed.Claimed, u => Assert.Equal((Note, at, (DateTimeOffset?)null), (u.Target, u.ClaimedAt, u.AttachedAt)));
        Assert.Equal(second with { Target = Note, ClaimedAt = at }, Content(await Uploads.FindAsync(second.Id)));
    }

    [StoreFact]
    public async Task AnotherUsersUploadIsRefusedAndNothingIsClaimed()
    {
        var mine = await UploadAsync();
        var theirs = await UploadAsync(SomeoneElse);

        var claimed = await ClaimAsync(NewTicket, mine, theirs);

        Assert.Equal([theirs.Id], claimed.Refused);
        Assert.Empty(claimed.Claimed);
        Assert.False((await Uploads.FindAsync(mine.Id))!.IsClaimed);
        Assert.False((await Uploads.FindAsync(theirs.Id))!.IsClaimed);
    }

    [StoreFact]
    public async Task AnUploadClaimedForAnotherTicketOrCommentIsRefusedAndNothingIsClaimed()
    {
        var used = await UploadAsync();
        var free = await UploadAsync();
        Assert.True((await ClaimAsync(OtherTicket, used)).IsSuccess);

        var claimed = await ClaimAsync(NewTicket, free, used);
        var asNote = await ClaimAsync(Note, used);

        Assert.Equal([used.Id], claimed.Refused);
        Assert.Equal([used.Id], asNote.Refused);
        Assert.False((await Uploads.FindAsync(free.Id))!.IsClaimed);
        Assert.Equal(OtherTicket, (await Uploads.FindAsync(used.Id))!.Target);
    }

    [StoreFact]
    public async Task AnAttachedUploadCannotBeClaimedElsewhere()
    {
        var used = await UploadAsync();
        await ClaimAsync(OtherTicket, used);
        await Uploads.MarkAttachedAsync([used.Id], OtherTicket, Time.GetUtcNow());

        var claimed = await ClaimAsync(NewTicket, used);

        Assert.Equal([used.Id], claimed.Refused);
    }

    [StoreFact]
    public async Task AnUnknownIdIsRefusedAndNothingIsClaimed()
    {
        var mine = await UploadAsync();
        var unknown = Guid.NewGuid().ToString("N");

        var claimed = await Uploads.ClaimAsync([mine.Id, unknown], Uploader.Id, NewTicket, Time.GetUtcNow());

        Assert.Equal([unknown], claimed.Refused);
        Assert.False((await Uploads.FindAsync(mine.Id))!.IsClaimed);
    }

    [StoreFact]
    public async Task ARetriedWriteClaimsItsUploadsAgainAsTheyWereClaimed()
    {
        var claimedEarlier = await UploadAsync();
        var added = await UploadAsync();
        var firstClaim = Time.GetUtcNow();
        await ClaimAsync(NewTicket, claimedEarlier);
        Time.Advance(TimeSpan.FromSeconds(3));

        var again = await ClaimAsync(NewTicket, claimedEarlier, added);

        Assert.True(again.IsSuccess);
        Assert.Equal([firstClaim, Time.GetUtcNow()], again.Claimed.Select(u => u.ClaimedAt!.Value));
        Assert.All(again.Claimed, u => Assert.Equal(NewTicket, u.Target));
    }

    [StoreFact]
    public async Task ConcurrentClaimsOfOneUploadHaveOneWinner()
    {
        var upload = await UploadAsync();
        var targets = Enumerable.Range(0, 6).Select(i => new AttachmentTarget($"ticket-{i}", null, false)).ToList();

        var results = await Task.WhenAll(targets.Select(t => ClaimAsync(t, upload)));

        var winner = Assert.Single(results, r => r.IsSuccess);
        Assert.Equal(winner.Claimed[0].Target, (await Uploads.FindAsync(upload.Id))!.Target);
    }

    [StoreFact]
    public async Task AReleasedUploadCanBeClaimedAgain()
    {
        var upload = await UploadAsync();
        await ClaimAsync(NewTicket, upload);

        await Uploads.ReleaseAsync([upload.Id], NewTicket);

        Assert.Equal(upload, Content(await Uploads.FindAsync(upload.Id)));
        Assert.True((await ClaimAsync(OtherTicket, upload)).IsSuccess);
    }

    [StoreFact]
    public async Task ReleasingForAnotherTargetOrAfterTheWriteCommittedChangesNothing()
    {
        var claimed = await UploadAsync();
        var attached = await UploadAsync();
        await ClaimAsync(NewTicket, claimed, attached);
        await Uploads.MarkAttachedAsync([attached.Id], NewTicket, Time.GetUtcNow());

        await Uploads.ReleaseAsync([claimed.Id], OtherTicket);
        await Uploads.ReleaseAsync([attached.Id], NewTicket);

        Assert.Equal(NewTicket, (await Uploads.FindAsync(claimed.Id))!.Target);
        Assert.Equal(NewTicket, (await Uploads.FindAsync(attached.Id))!.Target);
    }

    [StoreFact]
    public async Task MarkingAttachedRecordsWhenOnlyForTheClaimingTarget()
    {
        var upload = await UploadAsync();
        await ClaimAsync(Note, upload);
        var at = Time.GetUtcNow().AddSeconds(2);

        await Uploads.MarkAttachedAsync([upload.Id], OtherTicket, at.AddSeconds(1));
        Assert.Null((await Uploads.FindAsync(upload.Id))!.AttachedAt);
        await Uploads.MarkAttachedAsync([upload.Id], Note, at);
        await Uploads.MarkAttachedAsync([upload.Id], Note, at.AddMinutes(1));

        Assert.Equal(at, (await Uploads.FindAsync(upload.Id))!.AttachedAt);
    }

    [StoreFact]
    public async Task StaleWorkIsOldUnreferencedUploadsAndOldUnconfirmedClaimsOldestFirst()
    {
        var oldUnreferenced = await UploadAsync(fileName: "vieja.png");
        var oldAttached = await UploadAsync();
        var oldClaimed = await UploadAsync();
        Time.Advance(TimeSpan.FromMinutes(10));
        await ClaimAsync(NewTicket, oldClaimed, oldAttached);
        await Uploads.MarkAttachedAsync([oldAttached.Id], NewTicket, Time.GetUtcNow());
        Time.Advance(TimeSpan.FromMinutes(10));
        var recentClaimed = await UploadAsync();
        await ClaimAsync(OtherTicket, recentClaimed);
        var recentUnreferenced = await UploadAsync();
        var now = Time.GetUtcNow();

        var stale = await Uploads.ListStaleAsync(unreferencedBefore: now.AddMinutes(-5), claimedBefore: now.AddMinutes(-5), limit: 10);

        Assert.Equal([oldUnreferenced.Id, oldClaimed.Id], stale.Select(u => u.Id));
        Assert.Equal((false, true), (stale[0].IsClaimed, stale[1].IsClaimed));
        Assert.All(stale, u => Assert.False(string.IsNullOrEmpty(u.ETag)));
        Assert.DoesNotContain(recentUnreferenced.Id, stale.Select(u => u.Id));
    }

    [StoreFact]
    public async Task StaleWorkIsLimitedToTheOldestOfBothKinds()
    {
        var first = await UploadAsync();
        Time.Advance(TimeSpan.FromMinutes(1));
        var second = await UploadAsync();
        await ClaimAsync(NewTicket, second);
        Time.Advance(TimeSpan.FromMinutes(1));
        await UploadAsync();
        Time.Advance(TimeSpan.FromMinutes(1));
        var later = await UploadAsync();
        await ClaimAsync(OtherTicket, later);
        var now = Time.GetUtcNow().AddSeconds(1);

        var stale = await Uploads.ListStaleAsync(now, now, limit: 2);

        Assert.Equal([first.Id, second.Id], stale.Select(u => u.Id));
        Assert.Empty(await Uploads.ListStaleAsync(first.UploadedAt, first.UploadedAt, limit: 10));
    }

    [StoreFact]
    public async Task OnlyAnUnreferencedUploadIsDeleted()
    {
        var unreferenced = await UploadAsync();
        var claimed = await UploadAsync();
        await ClaimAsync(NewTicket, claimed);

        Assert.True(await Uploads.DeleteUnreferencedAsync(unreferenced.Id));
        Assert.False(await Uploads.DeleteUnreferencedAsync(unreferenced.Id));
        Assert.False(await Uploads.DeleteUnreferencedAsync(claimed.Id));
        Assert.Null(await Uploads.FindAsync(unreferenced.Id));
        Assert.NotNull(await Uploads.FindAsync(claimed.Id));
    }
}
