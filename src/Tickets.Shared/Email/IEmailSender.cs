namespace Tickets.Email;

/// <summary>Sends e-mail. Absent (not registered) when <c>Tickets:Smtp:Host</c> is not set: then nobody is e-mailed.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
