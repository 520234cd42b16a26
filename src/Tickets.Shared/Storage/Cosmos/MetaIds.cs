using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tickets.Storage.Cosmos;

/// <summary>Ids of the documents in <c>meta</c> (partition key <c>/id</c>): every lookup there is a point read.</summary>
internal static class MetaIds
{
    public const string TicketNumberCounter = "counter:ticketNumber";
    public const string AssignmentTurnCounter = "counter:assignmentTurn";

    public static string TicketNumber(long number) => "number:" + number.ToString(CultureInfo.InvariantCulture);

    /// <summary>The key already names caller, operation and client key; hashed so any client text makes a valid, bounded id.</summary>
    public static string Idempotency(string key) => "idem:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
