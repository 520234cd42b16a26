namespace Tickets.EndToEndTests.Services;

/// <summary>An e-mail the SMTP sink caught.</summary>
public sealed record ReceivedMail(string Subject, IReadOnlyList<string> From, IReadOnlyList<string> To, string Text, string Html);
