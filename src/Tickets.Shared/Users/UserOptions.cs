using System.ComponentModel.DataAnnotations;
using Tickets.Common;

namespace Tickets.Users;

/// <summary><c>Tickets:Users</c>: <c>DefaultTimeZone</c>, the IANA zone of people who chose none (default <c>Europe/Madrid</c>).</summary>
public sealed class UserOptions : IValidatableObject
{
    public const string Section = "Tickets:Users";

    public string DefaultTimeZone { get; set; } = "Europe/Madrid";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZones.IsKnown(DefaultTimeZone))
            yield return new ValidationResult("Must be an IANA time zone, e.g. Europe/Madrid.", [nameof(DefaultTimeZone)]);
    }
}
