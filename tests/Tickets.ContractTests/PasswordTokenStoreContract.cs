using Tickets.Identity;
using Tickets.Messaging;

namespace Tickets.ContractTests;

/// <summary>Set-password links: found by hash, used once, stored with the e-mail that carries them.</summary>
public abstract class PasswordTokenStoreContract(IStoreUnderTest store) : StoreContract(store)
{
    private IPasswordTokenStore Tokens => Get<IPasswordTokenStore>();

    private (PasswordToken Token, OutboxMessage Mail) NewLink(PasswordTokenPurpose purpose = PasswordTokenPurpose.Reset)
    {
        var now = Time.GetUtcNow();
        var userId = Guid.NewGuid().ToString("N");
        var token = new PasswordToken(
            PasswordTokenSecrets.Hash(PasswordTokenSecrets.NewId()), userId, purpose, now, now.AddMinutes(30), UsedAt: null, "stamp-1");
        var mail = new OutboxMessage(Guid.NewGuid().ToString("N"), PasswordResets.OutboxPartition(userId), QueueNames.AccountEmails,
            """{"tokenId":"x"}""", now);
        return (token, mail);
    }

    [StoreFact]
    public async Task StoredLinkIsFoundByItsHashAndNothingElse()
    {
        var (token, mail) = NewLink(PasswordTokenPurpose.Invitation);
        await Tokens.AddAsync(token, mail);

        Assert.Equal(token, await Tokens.FindAsync(token.TokenHash));
        Assert.Null(await Tokens.FindAsync(PasswordTokenSecrets.Hash("unknown")));
    }

    [StoreFact]
    public async Task LinkIsStoredWithItsEmailPendingInTheOutbox()
    {
        var (token, mail) = NewLink();
        await Tokens.AddAsync(token, mail);

        var pending = await Get<IOutboxStore>().ListPendingAsync(Time.GetUtcNow(), 100);

        Assert.Contains(mail, pending);
    }

    [StoreFact]
    public async Task SentEmailLeavesTheOutbox()
    {
        var (token, mail) = NewLink();
        await Tokens.AddAsync(token, mail);

        await Get<IOutboxStore>().RemoveAsync([mail]);

        Assert.DoesNotContain(mail, await Get<IOutboxStore>().ListPendingAsync(Time.GetUtcNow(), 100));
    }

    [StoreFact]
    public async Task LinkCanBeUsedOnlyOnce()
    {
        var (token, mail) = NewLink();
        await Tokens.AddAsync(token, mail);
        var at = Time.GetUtcNow().AddMinutes(1);

        Assert.True(await Tokens.TryUseAsync(token.TokenHash, at));
        Assert.False(await Tokens.TryUseAsync(token.TokenHash, at.AddSeconds(1)));
        Assert.Equal(at, (await Tokens.FindAsync(token.TokenHash))!.UsedAt);
    }

    [StoreFact]
    public async Task ConcurrentUsesOfOneLinkHaveOneWinner()
    {
        var (token, mail) = NewLink();
        await Tokens.AddAsync(token, mail);

        var wins = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Tokens.TryUseAsync(token.TokenHash, Time.GetUtcNow())));

        Assert.Single(wins, won => won);
    }

    [StoreFact]
    public async Task ALinksEmailIsRecordedAsSentOnce()
    {
        var (token, mail) = NewLink();
        await Tokens.AddAsync(token, mail);
        Assert.Null((await Tokens.FindAsync(token.TokenHash))!.EmailedAt);

        var at = Time.GetUtcNow().AddSeconds(5);
        await Tokens.MarkEmailedAsync(token.TokenHash, at);
        await Tokens.MarkEmailedAsync(token.TokenHash, at.AddMinutes(1));

        Assert.Equal(at, (await Tokens.FindAsync(token.TokenHash))!.EmailedAt);
    }

    [StoreFact]
    public async Task UsingAnUnknownLinkChangesNothing()
    {
        Assert.False(await Tokens.TryUseAsync(PasswordTokenSecrets.Hash("unknown"), Time.GetUtcNow()));
    }

    [StoreFact]
    public async Task ANewerLinkOfTheAccountEndsItsOlderUnusedOnesAndNoOtherAccounts()
    {
        var (older, olderMail) = NewLink();
        var (otherAccount, otherMail) = NewLink();
        await Tokens.AddAsync(older, olderMail);
        await Tokens.AddAsync(otherAccount, otherMail);
        Time.Advance(TimeSpan.FromMinutes(1));
        var (newer, newerMail) = NewLink(PasswordTokenPurpose.AccountExists);
        newer = newer with { UserId = older.UserId, CreatedAt = Time.GetUtcNow() };
        await Tokens.AddAsync(newer, newerMail);

        Assert.Equal(newer.CreatedAt, (await Tokens.FindAsync(older.TokenHash))!.ReplacedAt);
        Assert.False(await Tokens.TryUseAsync(older.TokenHash, Time.GetUtcNow()));
        Assert.Null((await Tokens.FindAsync(otherAccount.TokenHash))!.ReplacedAt);
        Assert.True(await Tokens.TryUseAsync(newer.TokenHash, Time.GetUtcNow()));
    }

    [StoreFact]
    public async Task AddingAStoredLinkAgainChangesNothing()
    {
        var (token, mail) = NewLink();
        await Tokens.AddAsync(token, mail);
        await Tokens.MarkEmailedAsync(token.TokenHash, Time.GetUtcNow());

        await Tokens.AddAsync(token with { CreatedAt = Time.GetUtcNow().AddSeconds(5) }, mail);

        var stored = await Tokens.FindAsync(token.TokenHash);
        Assert.Null(stored!.ReplacedAt);
        Assert.NotNull(stored.EmailedAt);
        Assert.Single(await Get<IOutboxStore>().ListPendingAsync(Time.GetUtcNow().AddMinutes(1), 1000), m => m.Id == mail.Id);
    }
}
