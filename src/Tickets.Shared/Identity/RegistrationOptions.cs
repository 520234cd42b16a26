using System.ComponentModel.DataAnnotations;

namespace Tickets.Identity;

/// <summary><c>Tickets:Registration</c>: whether a sign-up waits for its e-mailed link, and how long that link works.</summary>
public sealed class RegistrationOptions
{
    public const string Section = "Tickets:Registration";

    /// <summary>
    /// On (the default): <c>POST /auth/register</c> answers 202 to every well-formed request, whoever is registered, and the
    /// account exists once its e-mailed link is confirmed. Off: the account is made at once (201), and a taken e-mail or
    /// DNI answers 409 — which tells anyone who is registered; for tests and demos only.
    /// </summary>
    public bool VerifyEmail { get; set; } = true;

    /// <summary>How long a registration's confirmation link works; an unconfirmed registration is then forgotten.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(24);
}
