using System.Security.Cryptography;
using System.Text;
using MimeKit;
using Tickets.Common;
using Tickets.Identity;
using Tickets.Users;

namespace Tickets.Inbound;

/// <summary>Accounts the e-mail channel makes for unknown senders (<c>Tickets:Inbound:UnknownSenders = create</c>).</summary>
public interface IInboundAccounts
{
    /// <summary>The sender's new account (role user), invited by e-mail to choose a password; or the account made meanwhile with the address.</summary>
    Task<User> CreateAsync(MailboxAddress sender, CancellationToken cancellationToken);
}

/// <summary>
/// Makes the account as an admin's invitation does (<see cref="UserAccounts"/> without a password, then
/// <see cref="PasswordResets.InviteAsync"/>). A mail tells only a name and an address, and an account needs a DNI, a phone
/// and a department, so the account says plainly what is unknown: the names from the display name ("Last, First" or
/// "First Last"; the address's local part when there is none), the department <see cref="Department"/>, the phone
/// <see cref="UnknownPhone"/>, and as DNI a 15-digit number derived from the address — a shape no DNI or NIE has (they are
/// 9 characters with a letter), unique like every DNI, which the person or an admin replaces with the real one.
/// </summary>
public sealed class MailAccounts(IUserStore users, UserAccounts accounts, PasswordResets resets) : IInboundAccounts
{
    public const string Department = "Alta por correo";
    public const string UnknownPhone = "000000000";
    private const int Attempts = 3;

    public async Task<User> CreateAsync(MailboxAddress sender, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var created = await accounts.CreateAsync(RequestFor(sender, attempt), Role.User, cancellationToken);
            if (created.IsSuccess)
            {
                await resets.InviteAsync(created.Value, cancellationToken);
                return created.Value;
            }

            // Another message from the same address made it first: that is the account.
            if (created.Error!.Code == "duplicate_email" && await users.FindByEmailAsync(Text.NormalizeEmail(sender.Address), cancellationToken) is { } made)
                return made;
            if (created.Error.Code != "duplicate_dni" || attempt + 1 >= Attempts)
                throw new InvalidOperationException($"No account could be made for an unknown sender: {created.Error.Code}.");
        }
    }

    /// <summary>The invitation's fields for <paramref name="sender"/> (attempt 0, then others should the derived DNI be taken).</summary>
    public static CreateUserRequest RequestFor(MailboxAddress sender, int attempt)
    {
        var address = Text.NormalizeEmail(sender.Address);
        var (first, last) = NamesOf(sender.Name, address);
        return new CreateUserRequest
        {
            Email = address,
            Dni = PlaceholderDni(address, attempt),
            Phone = UnknownPhone,
            FirstNames = first,
            LastNames = last,
            Department = Department,
            Role = Role.User,
        };
    }

    /// <summary>15 digits from the SHA-256 of the address (and the attempt): the same address always gets the same one.</summary>
    public static string PlaceholderDni(string address, int attempt)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(attempt == 0 ? address : $"{address}#{attempt}"));
        var number = BitConverter.ToUInt64(hash, 0) % 1_000_000_000_000_000UL;
        return number.ToString("D15", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static (string First, string Last) NamesOf(string? displayName, string address)
    {
        var name = Text.Clean(MailText.Clean(displayName ?? "").Replace('"', ' '));
        if (name.Contains('@', StringComparison.Ordinal)) name = "";
        var comma = name.IndexOf(',', StringComparison.Ordinal);
        string first, last;
        if (comma > 0 && comma < name.Length - 1)
            (last, first) = (name[..comma].Trim(), name[(comma + 1)..].Trim());
        else
        {
            var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            first = words.Length > 0 ? words[0] : address[..address.IndexOf('@', StringComparison.Ordinal)];
            last = words.Length > 1 ? string.Join(' ', words[1..]) : "-";
        }

        return (MailText.Truncate(first, 100), MailText.Truncate(last, 100));
    }
}
