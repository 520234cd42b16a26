using Azure.Storage.Queues;

namespace Tickets.Messaging;

/// <summary><c>Tickets:Queues</c>: where the queues are and how messages are encoded.</summary>
public sealed class QueueOptions
{
    public const string Section = "Tickets:Queues";

    /// <summary>Must match host.json's <c>extensions.queues.messageEncoding</c> (a test pins the two together).</summary>
    public QueueMessageEncoding MessageEncoding { get; set; } = QueueMessageEncoding.Base64;

    /// <summary>Creates the queues (and their poison queues) at start when missing: Azurite and tests; Bicep owns them in Azure.</summary>
    public bool CreateIfNotExists { get; set; }
}
