using Tickets.Email;

namespace Tickets.Identity;

/// <summary>The e-mails of a pending registration, in its language: Spanish (the default) or English.</summary>
public static class RegistrationEmailText
{
    public static EmailMessage Confirm(PendingRegistration registration, string link, TimeSpan lifetime)
    {
        var en = registration.Language == "en";
        var valid = AccountEmailText.Duration(lifetime, en);
        var body = string.Join("\n\n",
            Greeting(registration, en),
            en ? $"To finish creating your Tickets account ({registration.Email}), open this link within {valid}:"
               : $"Para terminar de crear tu cuenta de Tickets ({registration.Email}), abre este enlace antes de {valid}:",
            link,
            en ? "The link works once and signs you in."
               : "El enlace sirve una sola vez y te deja con la sesión iniciada.",
            en ? "If you did not ask for it, ignore this e-mail: no account is created."
               : "Si no lo has pedido tú, ignora este correo: no se crea ninguna cuenta.");
        return new EmailMessage(registration.Email, FullName(registration),
            en ? "Confirm your Tickets account" : "Confirma tu cuenta de Tickets", body);
    }

    /// <summary>The DNI has an account under another address: say so, without saying which address.</summary>
    public static EmailMessage DniTaken(PendingRegistration registration)
    {
        var en = registration.Language == "en";
        var body = string.Join("\n\n",
            Greeting(registration, en),
            en ? "Someone (probably you) tried to create a Tickets account with this e-mail address, but there is already an account with that DNI under another e-mail address. No account was created."
               : "Alguien (probablemente tú) ha intentado crear una cuenta de Tickets con esta dirección, pero ya hay una cuenta con ese DNI en otra dirección de correo. No se ha creado ninguna cuenta.",
            en ? "If that account is yours, sign in with its address (on the sign-in page you can ask for a new password). If it is not, contact the help desk."
               : "Si esa cuenta es tuya, entra con su dirección (en la página de inicio de sesión puedes pedir una contraseña nueva). Si no lo es, contacta con el servicio de soporte.",
            en ? "If you did not ask for it, ignore this e-mail." : "Si no lo has pedido tú, ignora este correo.");
        return new EmailMessage(registration.Email, FullName(registration),
            en ? "Your Tickets registration" : "Tu registro en Tickets", body);
    }

    private static string Greeting(PendingRegistration registration, bool en) => (en ? "Hello " : "Hola, ") + registration.FirstNames + ":";

    private static string FullName(PendingRegistration registration) => $"{registration.FirstNames} {registration.LastNames}";
}
