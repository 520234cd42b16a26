using System.Net;
using System.Net.Sockets;

namespace Tickets.Identity;

/// <summary>
/// The address the current request came from, as the throttles count it; scoped, filled once by the HTTP edge.
/// IPv6 addresses are counted per /64, the block one subscriber usually holds, so rotating within it gains nothing.
/// </summary>
public sealed class ClientAddress
{
    /// <summary>Null when unknown (no HTTP request, or a header that does not hold an address): only the global limit applies.</summary>
    public string? Value { get; private set; }

    public void Set(IPAddress? address) => Value = address is null ? null : Normalize(address);

    /// <summary>The last entry of a forwarding header (the one the platform's front end appended), with or without a port.</summary>
    public static IPAddress? FromForwardedHeader(string? header)
    {
        var last = header?.Split(',').Select(part => part.Trim()).LastOrDefault(part => part.Length > 0);
        if (last is null) return null;
        if (IPAddress.TryParse(last, out var address)) return address;
        return IPEndPoint.TryParse(last, out var endpoint) ? endpoint.Address : null;
    }

    private static string Normalize(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
