using MimeKit;

namespace Tickets.EndToEndTests.Services;

/// <summary>An e-mail the SMTP sink caught.</summary>
public sealed record ReceivedMail(string Subject, IReadOnlyList<string> From, IReadOnlyList<string> To, string Text, string Html)
{
    /// <summary>The raw headers as the sink parsed them, by lower-case name (<c>message-id</c>, <c>in-reply-to</c>, <c>references</c>, <c>reply-to</c>…).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The whole message as received (for replies and threading).</summary>
    public MimeMessage? Message { get; init; }
}
