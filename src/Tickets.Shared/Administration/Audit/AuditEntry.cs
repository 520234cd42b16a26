using System.Text.Json;
using Tickets.Common;

namespace Tickets.Administration.Audit;

/// <summary>Who made a management change: an admin (or the system, e.g. a re-plan it ran on an admin's behalf).</summary>
public sealed record AuditActor(string Id, string Name);

/// <summary>What a management change was made to: <c>user</c>, <c>team</c>, <c>category</c>, <c>slaPolicy</c>, <c>calendar</c>.</summary>
public sealed record AuditTarget(string Type, string Id, string Name);

/// <summary>
/// One entry of the admin audit log: written by the store in the same atomic write as the change it records (SQLite: the
/// same transaction; Cosmos: the same batch, or inside the changed document when that lives in another container, relayed
/// from there), never edited, kept <c>Tickets:Audit:RetentionDays</c> days. <see cref="Before"/> and <see cref="After"/>
/// are the target's management fields as JSON (null for a creation or a deletion), never secrets.
/// </summary>
public sealed record AuditEntry(
    string Id,
    DateTimeOffset At,
    AuditActor Actor,
    string Action,
    AuditTarget Target,
    JsonElement? Before,
    JsonElement? After)
{
    /// <summary>An entry with a new time-ordered id; <paramref name="before"/> and <paramref name="after"/> serialized as the API serializes.</summary>
    public static AuditEntry Of(AuditActor actor, string action, AuditTarget target, object? before, object? after, DateTimeOffset at) =>
        new(Guid.CreateVersion7(at).ToString("N"), at, actor, action, target, ToJson(before), ToJson(after));

    private static JsonElement? ToJson(object? value) =>
        value is null ? null : JsonSerializer.SerializeToElement(value, value.GetType(), Json.Options);
}
