using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Tickets.Common;
using Tickets.Identity;
using Tickets.Users;

namespace Tickets.Bench;

/// <summary>The per-request costs every signed-in call pays: token validation and JSON.</summary>
[MemoryDiagnoser]
public class TokenBenchmarks
{
    private TokenService _tokens = null!;
    private string _token = null!;

    [GlobalSetup]
    public void Setup()
    {
        _tokens = new TokenService(Options.Create(new JwtOptions
        {
            SigningKeys = [new SigningKeyOptions { Id = "k", Key = Convert.ToBase64String(new byte[32]) }],
        }), TimeProvider.System);
        _token = _tokens.Issue(Sample.User, "session").Token;
    }

    [Benchmark]
    public string Issue() => _tokens.Issue(Sample.User, "session").Token;

    [Benchmark]
    public Task<AccessTokenClaims?> Validate() => _tokens.ValidateAsync(_token);
}

[MemoryDiagnoser]
public class SerializationBenchmarks
{
    private readonly UserView _view = Sample.User.ToView();
    private byte[] _json = [];

    [GlobalSetup]
    public void Setup() => _json = JsonSerializer.SerializeToUtf8Bytes(_view, Json.Options);

    [Benchmark]
    public byte[] SerializeUser() => JsonSerializer.SerializeToUtf8Bytes(_view, Json.Options);

    [Benchmark]
    public UserView? DeserializeUser() => JsonSerializer.Deserialize<UserView>(_json, Json.Options);
}

internal static class Sample
{
    public static readonly User User = new()
    {
        Id = "0f8fad5bd9cb469fa16570867728950e", Email = "ana@example.org", Dni = "12345678", Phone = "+34 600 000 000",
        FirstNames = "Ana", LastNames = "Pérez García", Department = "Contabilidad", Role = Role.Technician, Active = true,
        PasswordHash = "x", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
    };
}
