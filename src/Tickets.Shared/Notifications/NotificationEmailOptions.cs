using System.ComponentModel.DataAnnotations;

namespace Tickets.Notifications;

/// <summary>
/// <c>Tickets:Notifications</c>: <c>CoalesceSeconds</c> — the changes of one ticket told to one person within this
/// many seconds of the first go out as one e-mail (0: every notification its own e-mail at once); the in-app inbox
/// keeps each.
/// </summary>
public sealed class NotificationEmailOptions
{
    public const string Section = "Tickets:Notifications";

    [Range(0, 3600)]
    public int CoalesceSeconds { get; set; } = 60;

    /// <summary>
    /// How late past its due time an e-mail is sent by the sweep rather than by its own delayed queue message (which was
    /// lost, or is poisoned): long enough that the sweep never races a message that is merely on its way.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SweepAfter { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan Window => TimeSpan.FromSeconds(CoalesceSeconds);
}
