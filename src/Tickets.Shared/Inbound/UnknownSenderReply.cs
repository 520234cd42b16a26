using MimeKit;
using Tickets.Email;

namespace Tickets.Inbound;

/// <summary>The one answer an unknown sender gets (at most daily): how to register, in Spanish and English.</summary>
public static class UnknownSenderReply
{
    public static EmailMessage For(MailboxAddress sender, string subject, string registerUrl)
    {
        var body = $"""
            Hola:

            Hemos recibido su correo, pero esta dirección no pertenece a ninguna cuenta del servicio de soporte, así que no hemos abierto ninguna incidencia. Para escribirnos, regístrese con esta misma dirección en:
            {registerUrl}
            y vuelva a enviar su mensaje (o escríbalo desde la web).

            ---

            Hello,

            We received your e-mail, but this address does not belong to any account of the support desk, so no ticket was opened. To write to us, register with this same address at:
            {registerUrl}
            and send your message again (or write it on the web).
            """;
        var re = subject.StartsWith("Re:", StringComparison.OrdinalIgnoreCase) ? subject : ("Re: " + subject).TrimEnd();
        return new EmailMessage(sender.Address, sender.Name ?? "", re, body.ReplaceLineEndings("\n")) { AutoSubmitted = "auto-replied" };
    }
}
