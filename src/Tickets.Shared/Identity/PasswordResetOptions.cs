using System.ComponentModel.DataAnnotations;

namespace Tickets.Identity;

/// <summary><c>Tickets:PasswordReset</c>: how long set-password links live and how often one account may ask for one.</summary>
public sealed class PasswordResetOptions
{
    public const string Section = "Tickets:PasswordReset";

    /// <summary>How long a "forgot my password" link works.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long the set-password link of an invitation (an account an admin created without a password) works.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Reset requests one e-mail address may make per hour, whether or not it has an account (more: 429).</summary>
    [Range(1, 100)]
    public int RequestsPerAccountPerHour { get; set; } = 3;
}
