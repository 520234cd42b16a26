using System.Globalization;
using Tickets.Email;
using Tickets.Users;

namespace Tickets.Identity;

/// <summary>The e-mail that carries a set-password link, in Spanish (the default) or English.</summary>
public static class AccountEmailText
{
    public static EmailMessage For(User user, PasswordTokenPurpose purpose, string link, TimeSpan lifetime)
    {
        var en = user.Language == "en";
        var valid = Duration(lifetime, en);
        string subject, intro;
        if (purpose == PasswordTokenPurpose.AccountExists)
        {
            subject = en ? "You already have a Tickets account" : "Ya tienes una cuenta de Tickets";
            intro = en
                ? $"Someone (probably you) tried to register a new Tickets account with this address ({user.Email}), but you already have one. If you forgot your password, choose a new one with this link within {valid}:"
                : $"Alguien (probablemente tú) ha intentado registrar una cuenta nueva de Tickets con esta dirección ({user.Email}), pero ya tienes una. Si has olvidado tu contraseña, elige una nueva con este enlace antes de {valid}:";
        }
        else if (purpose == PasswordTokenPurpose.Invitation)
        {
            subject = en ? "Your Tickets account: choose your password" : "Tu cuenta de Tickets: elige tu contraseña";
            intro = en
                ? $"An administrator has created a Tickets account for you ({user.Email}). To start, choose your password with this link, valid for {valid}:"
                : $"Un administrador ha creado una cuenta de Tickets para ti ({user.Email}). Para empezar, elige tu contraseña con este enlace, válido durante {valid}:";
        }
        else
        {
            subject = en ? "Reset your Tickets password" : "Restablece tu contraseña de Tickets";
            intro = en
                ? $"Someone (probably you) asked to reset the password of your Tickets account. To choose a new one, open this link within {valid}:"
                : $"Alguien (probablemente tú) ha pedido restablecer la contraseña de tu cuenta de Tickets. Para elegir una nueva, abre este enlace antes de {valid}:";
        }

        var body = string.Join("\n\n",
            (en ? "Hello " : "Hola, ") + user.FirstNames + ":",
            intro,
            link,
            en ? "The link works once. Setting a password signs you out everywhere else."
               : "El enlace sirve una sola vez. Al elegir la contraseña se cierran tus demás sesiones.",
            purpose != PasswordTokenPurpose.Invitation
                ? en ? "If you did not ask for it, ignore this e-mail: your password stays as it is."
                     : "Si no lo has pedido tú, ignora este correo: tu contraseña no cambia."
                : en ? "If you did not expect it, ignore this e-mail." : "Si no lo esperabas, ignora este correo.");
        return new EmailMessage(user.Email, user.FullName, subject, body);
    }

    internal static string Duration(TimeSpan lifetime, bool en)
    {
        static string N(double value) => Math.Round(value).ToString(CultureInfo.InvariantCulture);
        if (lifetime >= TimeSpan.FromDays(2)) return N(lifetime.TotalDays) + (en ? " days" : " días");
        if (lifetime >= TimeSpan.FromHours(2)) return N(lifetime.TotalHours) + (en ? " hours" : " horas");
        if (lifetime >= TimeSpan.FromMinutes(2)) return N(lifetime.TotalMinutes) + (en ? " minutes" : " minutos");
        return N(Math.Max(1, lifetime.TotalSeconds)) + (en ? " seconds" : " segundos");
    }
}
