namespace Tickets.Messaging;

/// <summary>Storage queue names used by the app; the infrastructure test checks Bicep declares the same.</summary>
public static class QueueNames
{
    public const string Notifications = "notifications";
    public const string SlaChecks = "sla-checks";

    /// <summary>Re-plans of the open tickets of an SLA policy on its newest version, a page of tickets per message.</summary>
    public const string SlaReplans = "sla-replans";

    /// <summary>Set-password links to e-mail (password reset, invitations).</summary>
    public const string AccountEmails = "account-emails";

    /// <summary>One person's pending notification e-mail about one ticket, delayed to the end of the coalescing window.</summary>
    public const string NotificationEmails = "notification-emails";

    /// <summary>Raw e-mail taken in by the mailbox poll or the inbound webhook, kept in the inbound-mail container, to be turned into tickets and comments.</summary>
    public const string InboundMail = "inbound-mail";

    /// <summary>
    /// The configuration key of the queues' Storage connection, used by the senders and named by every
    /// <c>[QueueTrigger(Connection = …)]</c>: a connection string (Azurite's <c>UseDevelopmentStorage=true</c> or one
    /// with <c>QueueEndpoint=</c>), or in Azure a section with <c>queueServiceUri</c> for the app's managed identity.
    /// </summary>
    public const string Connection = "Tickets:Queues:Connection";

    /// <summary>The Functions host moves a message here after host.json's maxDequeueCount failures.</summary>
    public static string Poison(string queue) => queue + "-poison";

    public static bool IsPoison(string queue) => queue.EndsWith("-poison", StringComparison.Ordinal);

    public static IReadOnlyList<string> All { get; } = [
        Notifications, SlaChecks, SlaReplans, AccountEmails, NotificationEmails, InboundMail,
        Poison(Notifications), Poison(SlaChecks), Poison(SlaReplans), Poison(AccountEmails), Poison(NotificationEmails), Poison(InboundMail),
    ];
}
