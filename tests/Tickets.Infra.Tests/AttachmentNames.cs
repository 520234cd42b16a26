namespace Tickets.Infra.Tests;

/// <summary>
/// The attachment names the infrastructure must agree with: the blob container the app writes to and the configuration
/// section of its blob connection, taken from the app's own constants, so a rename on either side fails the infra tests.
/// </summary>
internal static class AttachmentNames
{
    public const string Container = global::Tickets.Attachments.BlobOptions.Container;

    public const string ConnectionSection = global::Tickets.Attachments.BlobOptions.Section + ":Connection";

    /// <summary>A configuration key as an app setting (<c>:</c> becomes <c>__</c>).</summary>
    public static string AppSetting(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}
