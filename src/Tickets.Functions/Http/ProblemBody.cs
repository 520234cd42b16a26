using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Tickets.Functions.Http;

/// <summary>
/// What every failure answers with: an RFC 9457 problem (<c>application/problem+json</c>) carrying a stable
/// <c>code</c> for clients to word in their own language, the trace id to quote, and for invalid input every bad
/// field with its messages and their codes. Some problems add members (a refused status move adds <c>current</c> and <c>allowed</c>).
/// </summary>
public sealed record ProblemBody(
    string Type,
    string Title,
    int Status,
    string? Detail,
    [property: Description("Stable, machine-readable: validation_failed, not_found, forbidden, transition_not_allowed, …")] string Code,
    string TraceId)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("For invalid input: each bad field (or query parameter, or header) with its messages.")]
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("Beside errors: each bad field with one stable code per message, in the same order (required, too_short, "
        + "too_long, invalid_characters, invisible_characters, invalid_email, invalid_dni, invalid_phone, not_allowed, not_boolean, out_of_range, "
        + "invalid_date, invalid_range, invalid_cursor, not_staff, invalid_json, invalid_type, invalid; a conflict about a "
        + "field uses its own code, e.g. duplicate_email). Clients word these in their reader's language.")]
    public IReadOnlyDictionary<string, string[]>? ErrorCodes { get; init; }

    [JsonExtensionData]
    public Dictionary<string, object?>? Extensions { get; init; }
}
