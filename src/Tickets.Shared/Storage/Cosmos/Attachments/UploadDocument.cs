using System.Text.Json.Serialization;
using Tickets.Attachments;

namespace Tickets.Storage.Cosmos.Attachments;

/// <summary>
/// An upload in <c>meta</c> (<c>upload:{id}</c>, its own logical partition): the record nested in <c>upload</c>, and at
/// the top level what the sweep's query filters and sorts on (<c>state</c>, <c>since</c>; indexed by the default range
/// index, one path in the <c>ORDER BY</c>, so no composite index).
/// </summary>
internal sealed record UploadDocument
{
    public const string DocumentType = "upload";

    public required string Id { get; init; }
    public string Type { get; init; } = DocumentType;

    /// <summary><see cref="States"/>: unreferenced, claimed (not yet seen committed) or attached.</summary>
    public required string State { get; init; }

    /// <summary>Since when it is in its state, as a <see cref="SortableTime"/>: the upload's time while unreferenced, the claim's while claimed; null once attached (never stale).</summary>
    public string? Since { get; init; }

    public required Upload Upload { get; init; }

    /// <summary>Read from Cosmos (a query returns it in the body); never written.</summary>
    [JsonPropertyName("_etag")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ETag { get; init; }

    public static string IdOf(string uploadId) => "upload:" + uploadId;

    public static UploadDocument From(Upload upload) => new()
    {
        Id = IdOf(upload.Id),
        State = upload switch
        {
            { Target: null } => States.Unreferenced,
            { AttachedAt: null } => States.Claimed,
            _ => States.Attached,
        },
        Since = upload switch
        {
            { Target: null } => SortableTime.Of(upload.UploadedAt),
            { AttachedAt: null } => SortableTime.Of(upload.ClaimedAt ?? upload.UploadedAt),
            _ => null,
        },
        Upload = upload with { ETag = "" },
    };

    public Upload ToUpload(string etag) => Upload with { ETag = CosmosETag.Unquote(etag) };

    public static class States
    {
        public const string Unreferenced = "unreferenced";
        public const string Claimed = "claimed";
        public const string Attached = "attached";
    }
}
