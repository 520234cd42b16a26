using Tickets.Users;

namespace Tickets.Startup;

/// <summary>The demo accounts seeded by <c>Tickets:DemoData</c>: one per role, printed by the local host.</summary>
public static class DemoAccounts
{
    public static readonly CreateUserRequest Admin = new()
    {
        Email = "admin@tickets.local", Password = "Admin123!demo", Role = Role.Admin,
        FirstNames = "Ana", LastNames = "Administradora", Department = "Sistemas", Dni = "10000001", Phone = "+34 600 000 001",
    };

    public static readonly CreateUserRequest Technician = new()
    {
        Email = "tech@tickets.local", Password = "Tech123!demo", Role = Role.Technician,
        FirstNames = "Tomás", LastNames = "Técnico", Department = "Soporte", Dni = "10000002", Phone = "+34 600 000 002",
    };

    public static readonly CreateUserRequest User = new()
    {
        Email = "user@tickets.local", Password = "User123!demo", Role = Role.User,
        FirstNames = "Úrsula", LastNames = "Usuaria", Department = "Contabilidad", Dni = "10000003", Phone = "+34 600 000 003",
    };

    public static IReadOnlyList<CreateUserRequest> All { get; } = [Admin, Technician, User];
}
