using Tickets.Users;

namespace Tickets.Startup;

/// <summary>The demo accounts (<see cref="DemoAccounts"/>), created when missing.</summary>
public sealed class DemoUsersSeeder(IUserStore users, UserAccounts accounts) : IDemoDataSeeder
{
    public int Order => 0;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var account in DemoAccounts.All)
        {
            if (await users.FindByEmailAsync(account.Email!, cancellationToken) is null)
                await accounts.CreateAsync(account, account.Role!.Value, cancellationToken);
        }
    }
}
