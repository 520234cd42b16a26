using System.Text.RegularExpressions;

namespace Tickets.DevHost.Triggers;

/// <summary>
/// Binding expressions such as <c>%Tickets:Outbox:RelaySchedule%</c>, resolved from configuration as the Functions
/// host resolves them from app settings; a missing setting is an error naming it.
/// </summary>
internal static partial class SettingReferences
{
    public static string Resolve(string declared, IConfiguration configuration, string functionName)
    {
        return Reference().Replace(declared, match =>
        {
            var key = match.Groups["key"].Value;
            var value = configuration[key];
            if (string.IsNullOrWhiteSpace(value))
                throw new InvalidOperationException($"Function {functionName} refers to setting '{key}' ({match.Value}), which is not configured.");
            return value;
        });
    }

    /// <summary>The resolved text, or null when a setting it refers to is missing.</summary>
    public static string? TryResolve(string declared, IConfiguration configuration)
    {
        var missing = false;
        var resolved = Reference().Replace(declared, match =>
        {
            var value = configuration[match.Groups["key"].Value];
            missing |= string.IsNullOrWhiteSpace(value);
            return value ?? "";
        });
        return missing ? null : resolved;
    }

    [GeneratedRegex("%(?<key>[^%]+)%")]
    private static partial Regex Reference();
}
