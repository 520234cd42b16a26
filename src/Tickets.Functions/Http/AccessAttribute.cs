namespace Tickets.Functions.Http;

/// <summary>Who may call an HTTP function. Every HTTP function declares exactly one; a test enforces it.</summary>
public enum Who
{
    /// <summary>No token needed.</summary>
    Anyone,

    /// <summary>Any active, signed-in account.</summary>
    SignedIn,

    /// <summary>Technicians and admins.</summary>
    Staff,

    Admin,
}

/// <summary>
/// Who may call the function, and whether a call is a write: one that creates or changes something. Every call of a
/// signed-in account counts against its request budget, a write also against its write budget (<c>Tickets:Limits</c>);
/// a test checks that every route that needs a token and changes state says so.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class AccessAttribute(Who who) : Attribute
{
    public Who Who { get; } = who;

    /// <summary>The call creates or changes something (counted against the caller's write budget as well).</summary>
    public bool Writes { get; init; }
}
