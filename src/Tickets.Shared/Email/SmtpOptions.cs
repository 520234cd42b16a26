using System.ComponentModel.DataAnnotations;

namespace Tickets.Email;

/// <summary><c>Tickets:Smtp</c>: where e-mail goes. No host, no e-mail.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Tickets:Smtp";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>The sender, e.g. <c>Tickets &lt;tickets@example.org&gt;</c>.</summary>
    public string From { get; set; } = "Tickets <tickets@localhost>";

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>STARTTLS (or TLS on 465) when true; a local sink speaks plain SMTP.</summary>
    public bool UseTls { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
