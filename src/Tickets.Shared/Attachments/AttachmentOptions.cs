using System.ComponentModel.DataAnnotations;

namespace Tickets.Attachments;

/// <summary><c>Tickets:Attachments</c>: how large a file may be, how long an unreferenced upload lives, how long a link works.</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Tickets:Attachments";

    /// <summary>The largest file, counted while it streams in (413 beyond, nothing kept). Default 10 MiB.</summary>
    [Range(1, 1L << 31)]
    public long MaxBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>An upload no ticket or comment references is removed after this long. Default 24 h.</summary>
    public TimeSpan UnreferencedLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a download link (the SAS) works; at most 5 minutes. Default 5 minutes.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A claim not confirmed after this long is checked against the ticket by the sweep. Default 15 minutes.</summary>
    public TimeSpan ClaimGrace { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The sweep's NCRONTAB schedule (<c>AttachmentSweep</c>). Default hourly, at minute 17.</summary>
    public string SweepSchedule { get; set; } = "0 17 * * * *";

    /// <summary>What the annotations cannot say: every span is positive, and a link works at most 5 minutes.</summary>
    public static IEnumerable<(string Key, string Message)> Rules(AttachmentOptions options)
    {
        if (options.LinkLifetime <= TimeSpan.Zero || options.LinkLifetime > BlobAttachmentStore.MaxLinkLifetime)
            yield return (nameof(LinkLifetime), "Must be more than zero and at most 00:05:00.");
        if (options.UnreferencedLifetime <= TimeSpan.Zero) yield return (nameof(UnreferencedLifetime), "Must be more than zero.");
        if (options.ClaimGrace <= TimeSpan.Zero) yield return (nameof(ClaimGrace), "Must be more than zero.");
        if (string.IsNullOrWhiteSpace(options.SweepSchedule)) yield return (nameof(SweepSchedule), "Must be an NCRONTAB schedule.");
    }
}
