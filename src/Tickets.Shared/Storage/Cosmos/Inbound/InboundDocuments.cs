using Tickets.Inbound;

namespace Tickets.Storage.Cosmos.Inbound;

/// <summary>
/// A processed inbound message in <c>meta</c> (<c>inbound:{key}</c>, its own logical partition): the record nested in
/// <c>record</c>, and at the top level what the channel's queries filter, sort and count on. <c>listKey</c> is
/// "<c>processedAt|key</c>": one path orders by time then key, so the default range index serves the admin list
/// (no composite index).
/// </summary>
internal sealed record InboundMailDocument
{
    public const string DocumentType = "inboundMail";

    /// <summary>Cosmos deletes a record 90 days after its write, in case the channel's own clean-up never runs (an emulator ignores it).</summary>
    public const int TimeToLiveSeconds = 90 * 24 * 60 * 60;

    public required string Id { get; init; }
    public string Type { get; init; } = DocumentType;

    /// <summary>As a <see cref="SortableTime"/>.</summary>
    public required string ProcessedAt { get; init; }

    public required string ListKey { get; init; }

    /// <summary><see cref="InboundCountKey"/>: the refusal's reason, else the outcome.</summary>
    public required string CountKey { get; init; }

    public int Ttl { get; init; } = TimeToLiveSeconds;

    public required InboundMailRecord Record { get; init; }

    public static InboundMailDocument From(InboundMailRecord record)
    {
        var processedAt = SortableTime.Of(record.ProcessedAt);
        return new()
        {
            Id = MetaIds.InboundMail(record.Id),
            ProcessedAt = processedAt,
            ListKey = processedAt + "|" + record.Id,
            CountKey = InboundCountKey.Of(record),
            Record = record,
        };
    }
}

/// <summary>A polled mailbox's state in <c>meta</c> (<c>mailbox:{name}</c>); its <c>_etag</c> guards a save.</summary>
internal sealed record MailboxDocument
{
    public const string DocumentType = "mailbox";

    public required string Id { get; init; }
    public string Type { get; init; } = DocumentType;

    public required MailboxState Mailbox { get; init; }

    public static MailboxDocument From(MailboxState state) => new() { Id = MetaIds.Mailbox(state.Mailbox), Mailbox = state };
}
