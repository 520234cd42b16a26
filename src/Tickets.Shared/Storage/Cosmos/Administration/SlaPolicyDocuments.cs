using System.Text.Json.Serialization;
using Tickets.Sla.Policies;

namespace Tickets.Storage.Cosmos.Administration;

/// <summary>A policy's head in the <c>admin</c> container (<c>slaPolicy:&lt;id&gt;</c>): its newest version and whether it is the default.</summary>
internal sealed record SlaPolicyDocument(string Id, string Partition, string Type, SlaPolicyVersion Policy, bool IsDefault)
{
    public const string DocumentType = "slaPolicy";

    /// <summary>Read from Cosmos (a query returns it in the body); never written.</summary>
    [JsonPropertyName("_etag")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ETag { get; init; }

    public static string IdOf(string policyId) => "slaPolicy:" + policyId;

    public static SlaPolicyDocument From(SlaPolicyVersion policy, bool isDefault) =>
        new(IdOf(policy.Id), AdminPartitions.Config, DocumentType, policy, isDefault);

    public StoredSlaPolicy ToStored(string etag) => new(Policy, IsDefault, CosmosETag.Unquote(etag));
}

/// <summary>One kept version (<c>slaPolicyVersion:&lt;id&gt;:&lt;n&gt;</c>), never changed.</summary>
internal sealed record SlaPolicyVersionDocument(string Id, string Partition, string Type, SlaPolicyVersion Policy)
{
    public const string DocumentType = "slaPolicyVersion";

    public static string IdOf(string policyId, int version) =>
        $"slaPolicyVersion:{policyId}:{version.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public static SlaPolicyVersionDocument From(SlaPolicyVersion policy) =>
        new(IdOf(policy.Id, policy.Version), AdminPartitions.Config, DocumentType, policy);
}

/// <summary>A business calendar (<c>calendar:&lt;id&gt;</c>).</summary>
internal sealed record CalendarDocument(string Id, string Partition, string Type, CalendarDefinition Calendar, DateTimeOffset UpdatedAt)
{
    public const string DocumentType = "calendar";

    [JsonPropertyName("_etag")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ETag { get; init; }

    public static string IdOf(string calendarId) => "calendar:" + calendarId;

    public static CalendarDocument From(CalendarDefinition calendar, DateTimeOffset at) =>
        new(IdOf(calendar.Id), AdminPartitions.Config, DocumentType, calendar, at);

    public StoredCalendar ToStored(string etag) => new(Calendar, CosmosETag.Unquote(etag), UpdatedAt);
}
