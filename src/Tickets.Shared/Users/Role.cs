
namespace Tickets.Users;

public enum Role
{
    User,
    Technician,
    Admin,
}
