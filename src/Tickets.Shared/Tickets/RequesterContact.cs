using System.ComponentModel;

namespace Tickets.Tickets;

/// <summary>
/// How staff reach a ticket's requester: the contact details given at registration, read from the account now (a
/// ticket keeps only the name and department it was opened with). Staff only: requesters never see other people's.
/// </summary>
public sealed record RequesterContact(
    string Id,
    string Name,
    string Department,
    string Email,
    string Phone,
    [property: Description("False when the account was deactivated since.")] bool Active);
