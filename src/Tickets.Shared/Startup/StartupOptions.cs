namespace Tickets.Startup;

/// <summary><c>Tickets:BootstrapAdmin</c>: the first admin of an empty system. No default exists.</summary>
public sealed class BootstrapAdminOptions
{
    public const string Section = "Tickets:BootstrapAdmin";

    public string? Email { get; set; }

    public string? Password { get; set; }
}
