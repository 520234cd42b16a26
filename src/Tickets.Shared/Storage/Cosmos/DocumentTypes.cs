using Tickets.Identity;
using Tickets.Users;

namespace Tickets.Storage.Cosmos;

/// <summary>
/// What the <c>users</c> container holds, told apart by <c>type</c>. The partition key is <c>/id</c>, so every
/// document is its own logical partition and every lookup by key is a point read.
/// </summary>
internal static class DocumentTypes
{
    public const string User = "user";
    public const string EmailClaim = "emailClaim";
    public const string DniClaim = "dniClaim";
    public const string RefreshToken = "refreshToken";
    public const string LoginThrottle = "loginThrottle";
    public const string RateCounter = "rateCounter";
    public const string PasswordToken = "passwordToken";
    public const string PendingRegistration = "pendingRegistration";
}
