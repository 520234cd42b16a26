using Tickets.Common;
using Tickets.Inbound;

namespace Tickets.Storage;

/// <summary>What <see cref="IInboundMailStore.CountSinceAsync"/> counts a record under, the same in every store.</summary>
internal static class InboundCountKey
{
    /// <summary>A refusal's reason (<c>auto_reply</c>, <c>unknown_sender</c>, …), else the outcome (<c>ticket</c>, <c>comment</c>).</summary>
    public static string Of(InboundMailRecord record) =>
        record is { Outcome: InboundOutcome.Refused, Reason: { } reason } ? Json.EnumName(reason) : Json.EnumName(record.Outcome);
}
