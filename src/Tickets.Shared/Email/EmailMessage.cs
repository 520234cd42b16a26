namespace Tickets.Email;

/// <summary>A plain-text e-mail to one person.</summary>
public sealed record EmailMessage(string To, string ToName, string Subject, string Body);
