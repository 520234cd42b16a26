using System.Text.RegularExpressions;

namespace Tickets.Macros;

/// <summary>
/// The placeholders a macro's body may use, written <c>{{requester.firstNames}}</c>: a fixed list, checked when the macro is
/// saved (an unknown one is a 400 naming <c>body</c>), filled in when it is applied.
/// </summary>
public static partial class MacroPlaceholders
{
    public const string RequesterFirstNames = "requester.firstNames";
    public const string RequesterLastNames = "requester.lastNames";
    public const string TicketNumber = "ticket.number";
    public const string TicketTitle = "ticket.title";
    public const string AgentFirstNames = "agent.firstNames";

    public static IReadOnlyList<string> Allowed { get; } = [RequesterFirstNames, RequesterLastNames, TicketNumber, TicketTitle, AgentFirstNames];

    /// <summary>The placeholders in <paramref name="body"/> that are not in <see cref="Allowed"/>, each once, as written.</summary>
    public static IReadOnlyList<string> Unknown(string body) =>
        [.. Placeholder().Matches(body).Select(m => m.Groups[1].Value).Where(name => !Allowed.Contains(name, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal)];

    /// <summary>The body with each known placeholder replaced by its value (an unknown one, which saving refuses, stays as written).</summary>
    public static string Fill(string body, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(body, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

    /// <summary><c>{{name}}</c>, spaces inside the braces allowed.</summary>
    [GeneratedRegex(@"\{\{\s*([^{}]*?)\s*\}\}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Placeholder();
}
