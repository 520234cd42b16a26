using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tickets.Common;
using Tickets.Messaging;
using Tickets.Users;

namespace Tickets.Identity;

/// <summary>What <c>POST /auth/register</c> did: made the account (verification off), or sent the e-mail that will (null).</summary>
public sealed record RegistrationOutcome(User? Created);

/// <summary>The answer of a registration waiting for its e-mailed link: the same for every well-formed request.</summary>
public sealed record RegistrationAccepted(string Status)
{
    public static readonly RegistrationAccepted VerificationSent = new("verification_sent");
}

/// <summary>The body of <c>POST /auth/register/confirm</c>: the secret from the e-mailed link.</summary>
public sealed record ConfirmRegistrationRequest(string? Token)
{
    public Validator Validate() => new Validator().Text("token", Token, 1, 200);
}

/// <summary>
/// Self-registration. With <see cref="RegistrationOptions.VerifyEmail"/> on, a well-formed request is answered the same
/// whoever is registered, after the same work (the hashing throttle, one password hash, one write of a pending
/// registration and its queue message): whether the e-mail or DNI is taken is found out by the <c>SendAccountEmail</c>
/// function (<see cref="RegistrationEmails"/>), and told only to the address's owner, by e-mail. The account is made
/// when the e-mailed link is confirmed (<see cref="ConfirmAsync"/>), always with the role user.
/// </summary>
public sealed partial class Registrations(
    IdentityService identity,
    IPendingRegistrationStore pending,
    UserAccounts accounts,
    PasswordTokenSecrets secrets,
    PasswordAttempts attempts,
    Passwords passwords,
    OutboxDispatcher dispatcher,
    IOptions<RegistrationOptions> options,
    TimeProvider time,
    ILogger<Registrations> logger)
{
    private static readonly Error InvalidLink = new(ErrorKind.Validation, "invalid_registration_link", "The link is not valid.",
        "The link has expired, was used already or was replaced by a newer registration: register again.")
    {
        Errors = new Dictionary<string, string[]> { ["token"] = ["Is not a valid link (expired, used or replaced)."] },
    };

    public async Task<Result<RegistrationOutcome>> RegisterAsync(RegisterRequest request, CancellationToken cancellationToken)
    {
        if (!options.Value.VerifyEmail)
        {
            var created = await identity.RegisterAsync(request, cancellationToken);
            return created.IsSuccess ? new RegistrationOutcome(created.Value) : created.Error!;
        }

        if (request.Validate().ToError() is { } invalid) return invalid;
        if (await attempts.TryStartHashingAsync(cancellationToken) is { } throttled) return throttled;

        var now = time.GetUtcNow();
        var id = PasswordTokenSecrets.NewId();
        var registration = new PendingRegistration(
            PasswordTokenSecrets.Hash(secrets.Create(id)),
            Text.NormalizeEmail(request.Email!),
            NationalId.Normalize(request.Dni!),
            request.Phone!.Trim(),
            Text.Clean(request.FirstNames!),
            Text.Clean(request.LastNames!),
            Text.Clean(request.Department!),
            request.Language ?? "es",
            passwords.Hash(request.Password!),
            now,
            now + options.Value.LinkLifetime);
        var mail = new OutboxMessage(Guid.CreateVersion7(now).ToString("N"), PasswordResets.RequestPartition(id), QueueNames.AccountEmails,
            JsonSerializer.Serialize(new AccountEmailMessage(Registration: id), Json.Options), now);

        await pending.AddAsync(registration, mail, cancellationToken);
        dispatcher.Dispatch([mail]);
        return new RegistrationOutcome(null);
    }

    /// <summary>
    /// Makes the account of the link's registration and signs its owner in (the answer of a sign-in). The link works once;
    /// if the e-mail or DNI was taken since the registration, the answer is the 409 of a taken one and nothing is made.
    /// </summary>
    public async Task<Result<TokenResponse>> ConfirmAsync(ConfirmRegistrationRequest request, CancellationToken cancellationToken)
    {
        if (request.Validate().ToError() is { } invalid) return invalid;

        var now = time.GetUtcNow();
        var hash = PasswordTokenSecrets.Hash(request.Token!);
        var found = await pending.FindAsync(hash, cancellationToken);
        if (found is null || !found.WorksAt(now) || !await pending.TryUseAsync(hash, now, cancellationToken)) return InvalidLink;

        var user = new User
        {
            Id = Guid.NewGuid().ToString("N"),
            Email = found.Email,
            Dni = found.Dni,
            Phone = found.Phone,
            FirstNames = found.FirstNames,
            LastNames = found.LastNames,
            Department = found.Department,
            Role = Role.User,
            Active = true,
            PasswordHash = found.PasswordHash,
            CreatedAt = now,
            UpdatedAt = now,
            LastLoginAt = now,
            SecurityStamp = User.NewSecurityStamp(),
            Language = found.Language,
        }.SignedInFrom(attempts.AddressHash);

        var created = await accounts.CreateAsync(user, cancellationToken);
        if (!created.IsSuccess)
        {
            LogTaken(logger, created.Error!.Code);
            return created.Error!;
        }

        LogConfirmed(logger, user.Id);
        return await identity.StartSessionAsync(created.Value, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Registration confirmed: user {UserId} created")]
    private static partial void LogConfirmed(ILogger logger, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Registration link confirmed but not made into an account: {Code}")]
    private static partial void LogTaken(ILogger logger, string code);
}
