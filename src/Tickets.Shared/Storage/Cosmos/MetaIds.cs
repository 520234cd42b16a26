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

    /// <summary>A processed inbound message, by its key (a hash of its Message-ID).</summary>
    public static string InboundMail(string id) => "inbound:" + Readable(id);

    /// <summary>A polled mailbox's state, by the mailbox's name (a user and folder, say).</summary>
    public static string Mailbox(string name) => "mailbox:" + Readable(name);

    /// <summary>
    /// The key itself when it is short and plain; otherwise its SHA-256. Cosmos forbids <c>/ \ ? #</c> in ids, and an
    /// id is part of the URL of every point read: a hash needs no escaping that a server could read differently.
    /// </summary>
    private static string Readable(string key) =>
        key.Length is > 0 and <= 160 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '@' or '.' or '_' or '-' or '+' or ':')
            ? key
            : "sha256-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The key already names caller, operation and client key; hashed so any client text makes a valid, bounded id.</summary>
    public static string Idempotency(string key) => "idem:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
