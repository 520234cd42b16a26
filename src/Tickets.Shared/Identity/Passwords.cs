using Microsoft.AspNetCore.Identity;
using Tickets.Users;

namespace Tickets.Identity;

public enum PasswordCheck
{
    Wrong,
    Right,
    RightButRehash,
}

/// <summary>ASP.NET Core Identity's PBKDF2 hasher; never a home-made hash.</summary>
public sealed class Passwords
{
    private readonly PasswordHasher<User> _hasher = new();
    private readonly Lazy<string> _dummyHash;

    public Passwords() => _dummyHash = new Lazy<string>(() => Hash("not-a-real-password-" + Guid.NewGuid()));

    public string Hash(string password) => _hasher.HashPassword(null!, password);

    public PasswordCheck Verify(string hash, string password) => _hasher.VerifyHashedPassword(null!, hash, password) switch
    {
        PasswordVerificationResult.Success => PasswordCheck.Right,
        PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.RightButRehash,
        _ => PasswordCheck.Wrong,
    };

    /// <summary>Spends the same work as a real check, so an unknown e-mail answers as slowly as a wrong password.</summary>
    public void VerifyAgainstNothing(string password) => _hasher.VerifyHashedPassword(null!, _dummyHash.Value, password);
}
