namespace Tickets.Messaging;

/// <summary>Storage queue names used by the app; the infrastructure test checks Bicep declares the same.</summary>
public static class QueueNames
{
    public const string Notifications = "notifications";
    public const string SlaChecks = "sla-checks";

    /// <summary>The Functions host moves a message here after host.json's maxDequeueCount failures.</summary>
    public static string Poison(string queue) => queue + "-poison";

    public static IReadOnlyList<string> All { get; } = [Notifications, SlaChecks, Poison(Notifications), Poison(SlaChecks)];
}
