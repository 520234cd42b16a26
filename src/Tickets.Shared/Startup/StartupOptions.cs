using Tickets.Common;

namespace Tickets.Startup;

/// <summary><c>Tickets:BootstrapAdmin</c>: the first admin of an empty system. No default exists.</summary>
public sealed class BootstrapAdminOptions
{
    public const string Section = "Tickets:BootstrapAdmin";

    public string? Email { get; set; }

    public string? Password { get; set; }

    /// <summary>Both or neither; a valid address and a password the sign-up rules accept.</summary>
    public static IEnumerable<(string Key, string Message)> Rules(BootstrapAdminOptions options)
    {
        var emailSet = !string.IsNullOrWhiteSpace(options.Email);
        var passwordSet = !string.IsNullOrEmpty(options.Password);
        if (emailSet != passwordSet)
        {
            yield return (emailSet ? nameof(Password) : nameof(Email), "Set both Email and Password, or neither.");
            yield break;
        }

        if (!emailSet) yield break;
        var v = new Validator().Email(nameof(Email), options.Email).Password(nameof(Password), options.Password);
        foreach (var (field, messages) in v.ToDictionary())
            foreach (var message in messages) yield return (field, message);
    }
}
