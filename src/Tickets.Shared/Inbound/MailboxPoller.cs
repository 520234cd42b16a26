using System.Text.Json;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tickets.Common;
using Tickets.Messaging;

namespace Tickets.Inbound;

/// <summary>
/// The mailbox door: one poll of <c>Tickets:Inbound:Imap</c>'s folder, opened read-only (nothing is marked or moved).
/// New messages are those with a UID above the last one queued under the folder's UIDVALIDITY; each is kept as the blob
/// <c>imap-{uidValidity}-{uid}</c>, queued, and then the state moves past it, so a crash in between queues it again on
/// the next poll (the processor drops the second copy by its Message-ID). UIDs are fetched by range and filtered here:
/// no IMAP SEARCH, which some servers (smtp4dev) do not survive.
/// </summary>
public sealed partial class MailboxPoller(
    IOptions<InboundOptions> options, MailboxSignIn signIn, IInboundMailStore store, IInboundMailBlobs blobs, IQueueSender queue, TimeProvider time, ILogger<MailboxPoller> logger)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>The state's key for a mailbox folder: <c>{user}@{host}/{folder}</c>.</summary>
    public static string MailboxName(ImapOptions imap) => $"{imap.UserName}@{imap.Host}/{imap.Folder}";

    /// <summary>
    /// Polls once; answers how many messages were queued. Without an IMAP host it does nothing. A failure is kept in the
    /// mailbox's state (<see cref="MailboxState.LastError"/>, for admins) and thrown: the invocation counts as failed, and
    /// the next tick polls again from where the state stands.
    /// </summary>
    public async Task<int> PollAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var imap = settings.Imap;
        if (!imap.IsConfigured) return 0;

        var name = MailboxName(imap);
        var state = await store.GetMailboxAsync(name, cancellationToken) ?? new MailboxState(name);
        var queued = 0;
        string? skipped = null;
        try
        {
            using var client = new ImapClient { Timeout = (int)Timeout.TotalMilliseconds };
            var security = !imap.UseTls ? SecureSocketOptions.None
                : imap.Port == 993 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
            await client.ConnectAsync(imap.Host!, imap.Port, security, cancellationToken);
            await signIn.SignInAsync(client, cancellationToken);
            var folder = await client.GetFolderAsync(imap.Folder, cancellationToken);
            await folder.OpenAsync(FolderAccess.ReadOnly, cancellationToken);

            var uidValidity = folder.UidValidity;
            // A new folder, or one the server renumbered: the messages there now are new to us, but only those it
            // received within the backlog span before this first read are taken, on this poll and the next ones (older
            // mail opens nothing; a message seen before under the old numbers is dropped by its Message-ID).
            if (uidValidity != state.UidValidity)
            {
                if (state.UidValidity != 0) LogRenumbered(logger, name, state.UidValidity, uidValidity);
                state = state with { UidValidity = uidValidity, LastUid = 0, StartedAt = time.GetUtcNow() };
            }

            var receivedSince = (state.StartedAt ?? DateTimeOffset.MinValue + imap.Backlog) - imap.Backlog;

            var lastUid = state.LastUid;
            var fresh = folder.Count == 0 || lastUid == uint.MaxValue
                ? []
                : (await folder.FetchAsync(new UniqueIdRange(new UniqueId(lastUid + 1), UniqueId.MaxValue),
                        MessageSummaryItems.UniqueId | MessageSummaryItems.Size | MessageSummaryItems.InternalDate, cancellationToken))
                    // "n:*" also answers the last message when every UID is below n.
                    .Where(m => m.UniqueId.Id > lastUid).OrderBy(m => m.UniqueId.Id).Take(imap.MaxPerPoll).ToList();

            foreach (var summary in fresh)
            {
                var uid = summary.UniqueId.Id;
                var old = summary.InternalDate is { } received && received < receivedSince;
                if (old)
                {
                    LogBacklog(logger, name, uid);
                }
                else if (summary.Size > settings.MaxMessageBytes)
                {
                    skipped = $"Message UID {uid} ({summary.Size} bytes) is over Tickets:Inbound:MaxMessageBytes ({settings.MaxMessageBytes}): skipped.";
                    LogTooLarge(logger, name, uid, summary.Size ?? 0, settings.MaxMessageBytes);
                }
                else
                {
                    var message = new InboundMailMessage($"{uidValidity}-{uid}", $"imap-{uidValidity}-{uid}", InboundDoor.Mailbox, time.GetUtcNow());
                    await using (var raw = await folder.GetStreamAsync(summary.UniqueId, "", cancellationToken))
                        await blobs.WriteAsync(message.Blob, raw, cancellationToken);
                    await queue.SendAsync(QueueNames.InboundMail, JsonSerializer.Serialize(message, Json.Options), null, cancellationToken);
                    queued++;
                }

                var saved = await store.SaveMailboxAsync(state with
                {
                    LastUid = uid,
                    Queued = state.Queued + (old || summary.Size > settings.MaxMessageBytes ? 0 : 1),
                }, cancellationToken);
                if (saved is null)
                {
                    // Another poll moved the state first: it goes on from there.
                    LogOvertaken(logger, name, uid);
                    return queued;
                }

                state = saved;
            }

            await client.DisconnectAsync(true, cancellationToken);
            var now = time.GetUtcNow();
            await store.SaveMailboxAsync(state with
            {
                LastPollAt = now,
                LastSuccessAt = now,
                LastError = skipped,
                LastErrorAt = skipped is null ? null : now,
            }, cancellationToken);
            if (queued > 0) LogQueued(logger, name, queued);
            return queued;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, e, name);
            var now = time.GetUtcNow();
            // The type and the server's words: never the password, which no MailKit message carries.
            var error = $"{e.GetType().Name}: {e.Message}";
            await store.SaveMailboxAsync(state with
            {
                LastPollAt = now,
                LastError = error.Length > 500 ? error[..500] : error,
                LastErrorAt = now,
            }, CancellationToken.None);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued {Count} message(s) from {Mailbox}")]
    private static partial void LogQueued(ILogger logger, string mailbox, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Mailbox} changed UIDVALIDITY from {Old} to {New}: reading it from the start")]
    private static partial void LogRenumbered(ILogger logger, string mailbox, uint old, uint @new);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Mailbox}: message UID {Uid} has {Size} bytes, over the limit of {Max}: skipped")]
    private static partial void LogTooLarge(ILogger logger, string mailbox, uint uid, ulong size, long max);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Mailbox}: message UID {Uid} was received before the first poll's backlog span: left in the mailbox")]
    private static partial void LogBacklog(ILogger logger, string mailbox, uint uid);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Mailbox}: another poll saved the state first (at UID {Uid}); this one stops")]
    private static partial void LogOvertaken(ILogger logger, string mailbox, uint uid);

    [LoggerMessage(Level = LogLevel.Error, Message = "Polling {Mailbox} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string mailbox);
}
