using System.ComponentModel.DataAnnotations;

namespace Tickets.Messaging;

/// <summary><c>Tickets:Outbox</c>: how pending messages reach the queues.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Tickets:Outbox";

    /// <summary>How long one send may take before the message is left to the relay (a frozen queue must not pile up work).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The relay sends only messages at least this old, so it does not race the dispatcher of a fresh change.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RelayAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many pending messages one relay run reads at a time.</summary>
    [Range(1, 1000)]
    public int RelayBatchSize { get; set; } = 100;
}
