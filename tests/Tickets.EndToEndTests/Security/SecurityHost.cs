namespace Tickets.EndToEndTests.Security;

/// <summary>
/// The local host with settings the security proofs need to know: its signing keys (current <c>k2</c>, previous
/// <c>k1</c>), so tests can forge tokens, and client addresses read from <c>X-Forwarded-For</c>
/// (<c>Tickets:Limits:ClientAddressHeader</c>), so tests can speak from several addresses.
/// </summary>
public sealed class SecurityHost : IAsyncLifetime
{
    public static readonly byte[] CurrentKey = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    public static readonly byte[] PreviousKey = [.. Enumerable.Range(101, 32).Select(i => (byte)i)];

    public LocalHost Host { get; } = new();

    public async Task InitializeAsync()
    {
        Host.Settings["Tickets:Jwt:SigningKeys:0:Id"] = "k2";
        Host.Settings["Tickets:Jwt:SigningKeys:0:Key"] = Convert.ToBase64String(CurrentKey);
        Host.Settings["Tickets:Jwt:SigningKeys:1:Id"] = "k1";
        Host.Settings["Tickets:Jwt:SigningKeys:1:Key"] = Convert.ToBase64String(PreviousKey);
        Host.Settings["Tickets:Limits:ClientAddressHeader"] = "X-Forwarded-For";
        await Host.InitializeAsync();
    }

    public Task DisposeAsync() => Host.DisposeAsync();
}
