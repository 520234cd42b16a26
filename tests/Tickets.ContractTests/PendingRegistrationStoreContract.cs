using Tickets.Identity;
using Tickets.Messaging;

namespace Tickets.ContractTests;

/// <summary>Registrations waiting for their e-mailed link: found by hash, used once, a newer one for the address ends the older.</summary>
public abstract class PendingRegistrationStoreContract(IStoreUnderTest store) : StoreContract(store)
{
    private IPendingRegistrationStore Pending => Get<IPendingRegistrationStore>();

    private (PendingRegistration Registration, OutboxMessage Mail) NewRegistration(string? email = null)
    {
        var now = Time.GetUtcNow();
        var id = PasswordTokenSecrets.NewId();
        var registration = new PendingRegistration(
            PasswordTokenSecrets.Hash(id), email ?? $"nueva-{Guid.NewGuid():N}@example.org", "44444444", "+34 600 000 000", "Nuria",
            "Nadal Núñez", "Compras", "es", "password-hash", now, now.AddHours(24));
        var mail = new OutboxMessage(Guid.NewGuid().ToString("N"), PasswordResets.RequestPartition(id), QueueNames.AccountEmails,
            $$"""{"registration":"{{id}}"}""", now);
        return (registration, mail);
    }

    [StoreFact]
    public async Task StoredRegistrationIsFoundByItsHashAndNothingElse()
    {
        var (registration, mail) = NewRegistration();
        await Pending.AddAsync(registration, mail);

        Assert.Equal(registration, await Pending.FindAsync(registration.TokenHash));
        Assert.Null(await Pending.FindAsync(PasswordTokenSecrets.Hash("unknown")));
    }

    [StoreFact]
    public async Task RegistrationIsStoredWithItsEmailPendingInTheOutbox()
    {
        var (registration, mail) = NewRegistration();
        await Pending.AddAsync(registration, mail);

        Assert.Contains(mail, await Get<IOutboxStore>().ListPendingAsync(Time.GetUtcNow(), 1000));
    }

    [StoreFact]
    public async Task ConcurrentConfirmationsOfOneRegistrationHaveOneWinner()
    {
        var (registration, mail) = NewRegistration();
        await Pending.AddAsync(registration, mail);

        var wins = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Pending.TryUseAsync(registration.TokenHash, Time.GetUtcNow())));

        Assert.Single(wins, won => won);
        Assert.NotNull((await Pending.FindAsync(registration.TokenHash))!.UsedAt);
    }

    [StoreFact]
    public async Task ANewerRegistrationOfTheAddressEndsTheOlderAndNoOther()
    {
        var (older, olderMail) = NewRegistration("misma@example.org");
        var (other, otherMail) = NewRegistration();
        await Pending.AddAsync(older, olderMail);
        await Pending.AddAsync(other, otherMail);
        Time.Advance(TimeSpan.FromMinutes(1));
        var (newer, newerMail) = NewRegistration("misma@example.org");
        await Pending.AddAsync(newer, newerMail);

        Assert.Equal(newer.CreatedAt, (await Pending.FindAsync(older.TokenHash))!.ReplacedAt);
        Assert.False(await Pending.TryUseAsync(older.TokenHash, Time.GetUtcNow()));
        Assert.Null((await Pending.FindAsync(other.TokenHash))!.ReplacedAt);
        Assert.True(await Pending.TryUseAsync(newer.TokenHash, Time.GetUtcNow()));
    }

    [StoreFact]
    public async Task ItsEmailIsRecordedAsSentOnce()
    {
        var (registration, mail) = NewRegistration();
        await Pending.AddAsync(registration, mail);

        var at = Time.GetUtcNow().AddSeconds(5);
        await Pending.MarkEmailedAsync(registration.TokenHash, at);
        await Pending.MarkEmailedAsync(registration.TokenHash, at.AddMinutes(1));

        Assert.Equal(at, (await Pending.FindAsync(registration.TokenHash))!.EmailedAt);
    }

    [StoreFact]
    public async Task ConfirmingAnUnknownRegistrationChangesNothing()
    {
        Assert.False(await Pending.TryUseAsync(PasswordTokenSecrets.Hash("unknown"), Time.GetUtcNow()));
    }
}
