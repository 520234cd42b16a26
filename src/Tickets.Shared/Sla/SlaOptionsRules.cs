using Tickets.Tickets;

namespace Tickets.Sla;

/// <summary>What <c>Tickets:Sla</c> must be, checked at start-up: every target a positive time of at most a year.</summary>
internal static class SlaOptionsRules
{
    private static readonly TimeSpan Longest = TimeSpan.FromDays(365);

    public static IEnumerable<(string Key, string Message)> Check(SlaOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.PolicyId)) yield return (nameof(SlaOptions.PolicyId), "Must not be empty.");
        if (options.Version < 1) yield return (nameof(SlaOptions.Version), "Must be 1 or more.");

        foreach (var priority in Enum.GetValues<Priority>())
        {
            var target = options.For(priority);
            foreach (var (name, value) in new[] { (nameof(SlaTarget.FirstResponse), target.FirstResponse), (nameof(SlaTarget.Resolution), target.Resolution) })
            {
                if (value <= TimeSpan.Zero || value > Longest)
                    yield return ($"{priority}:{name}", "Must be a positive time span of at most 365 days (hh:mm:ss or d.hh:mm:ss).");
            }
        }
    }
}
