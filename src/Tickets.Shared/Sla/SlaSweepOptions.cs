
namespace Tickets.Sla;

/// <summary><c>Tickets:Sla:Sweep</c>: how much one sweep reads.</summary>
public sealed class SlaSweepOptions
{
    public const string Section = "Tickets:Sla:Sweep";

    /// <summary>Pages of 100 overdue tickets one run looks through (most overdue first).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1000)]
    public int MaxPages { get; set; } = 20;
}
