using System.Text;
using Tickets.Identity;

namespace Tickets.Storage.Cosmos;

/// <summary>Ids of the documents that are found by a natural key (the key is the id, so the read is a point read).</summary>
internal static class DocumentIds
{
    public static string EmailClaim(string normalizedEmail) => "email:" + Bounded(normalizedEmail, MaxIdLength - "email:".Length);

    public static string DniClaim(string dni) => "dni:" + Escape(dni);

    public static string RefreshToken(string tokenHash) => "token:" + tokenHash;

    public static string PasswordToken(string tokenHash) => "password:" + tokenHash;

    public static string PendingRegistration(string tokenHash) => "registration:" + tokenHash;

    public static string LoginThrottle(string key) => "throttle:" + Bounded(key, 160);

    public static string RateCounter(string key, DateTimeOffset windowStart) =>
        "rate:" + Bounded(key, 160) + ":" + windowStart.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private const int MaxIdLength = 255;

    /// <summary>
    /// Cosmos ids are at most 255 characters: a key that would not fit (a 254-character e-mail once escaped, an e-mail
    /// plus an address hash) goes by its SHA-256 instead. Keys that fit keep their readable form, as before.
    /// </summary>
    private static string Bounded(string key, int max)
    {
        var escaped = Escape(key);
        return escaped.Length <= max ? escaped : "sha256-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    /// <summary>Cosmos ids may not contain / \ ? #; an e-mail's local part may. Escaped reversibly, % first.</summary>
    public static string Escape(string value)
    {
        if (value.AsSpan().IndexOfAny("%/\\?#") < 0) return value;
        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '%' => "%25",
                '/' => "%2F",
                '\\' => "%5C",
                '?' => "%3F",
                '#' => "%23",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }
}
