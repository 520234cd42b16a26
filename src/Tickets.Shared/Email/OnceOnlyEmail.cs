using Tickets.Idempotency;

namespace Tickets.Email;

/// <summary>What became of one <see cref="OnceOnlyEmail.SendAsync"/>.</summary>
public enum OnceOnlyOutcome
{
    /// <summary>This delivery sent it and recorded it as sent.</summary>
    Sent,

    /// <summary>Another delivery of the same message sent it already.</summary>
    SentBefore,

    /// <summary>Another delivery is sending it right now: retry later to be sure it went.</summary>
    BeingSent,
}

/// <summary>
/// One e-mail, sent once however many copies of its queue message arrive. A message can be delivered twice at the same
/// time (the dispatcher's send reached the queue after it gave up, and the relay sent it again; a listener batch runs
/// both copies side by side), and both copies then find the e-mail not yet recorded as sent. So each e-mail is claimed
/// first, atomically, in the idempotency store: only the claimant sends, then records it as sent (where the caller
/// keeps that: the notification, the set-password link). A copy that finds the claim still open reports
/// <see cref="OnceOnlyOutcome.BeingSent"/>, and its caller fails so the queue retries after the visibility timeout —
/// by then the e-mail is recorded, or, if the claimant died while sending, its claim has lapsed.
/// </summary>
public sealed class OnceOnlyEmail(IIdempotencyStore claims, TimeProvider time)
{
    /// <summary>
    /// How long a claim to send one e-mail holds: three times the default SMTP timeout, and short enough that the queue's
    /// retries (host.json: 5 × 30 s) outlast the claim of a host that died while sending.
    /// </summary>
    public static readonly TimeSpan Claim = TimeSpan.FromSeconds(90);

    private static readonly StoredResponse Sent = new(200, "sent", new Dictionary<string, string>());

    /// <param name="key">The e-mail's own key (for example <c>notification-email:{id}</c>).</param>
    /// <param name="send">Sends it; an exception frees the claim and reaches the caller, so a retry sends it.</param>
    /// <param name="recordSent">Records it as sent where the caller looks before sending again.</param>
    public async Task<OnceOnlyOutcome> SendAsync(
        string key, Func<CancellationToken, Task> send, Func<CancellationToken, Task> recordSent, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var claim = await claims.ClaimAsync(new IdempotencyRecord(key, key, now, now + Claim), Claim, cancellationToken);
        if (!claim.IsMine) return claim.Record.Response is null ? OnceOnlyOutcome.BeingSent : OnceOnlyOutcome.SentBefore;

        try
        {
            await send(cancellationToken);
        }
        catch
        {
            await claims.ReleaseAsync(key, claim.Record.ClaimedAt, CancellationToken.None);
            throw;
        }

        // Sent: if recording it fails, the claim stays until it lapses, and a retry after that sends it again.
        await recordSent(cancellationToken);
        await claims.CompleteAsync(key, Sent, cancellationToken);
        return OnceOnlyOutcome.Sent;
    }
}
