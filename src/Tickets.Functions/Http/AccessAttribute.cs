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

[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class AccessAttribute(Who who) : Attribute
{
    public Who Who { get; } = who;
}
