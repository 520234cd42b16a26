using Azure.Storage.Queues;

namespace Tickets.DevHost.Triggers;

/// <summary>Adjusts the listeners' queue client options (tests shorten the SDK's retries); optional in DI.</summary>
internal sealed record ListenerClientTuning(Action<QueueClientOptions> Apply);
