using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tickets.DevHost;

namespace Tickets.Bench.Load;

/// <summary>
/// The outer ceiling: a minimal Kestrel app, in its own process, answering the same precomputed ~1 KB JSON as the
/// local host's bare endpoint, plus the same counters endpoint. Nothing else: no routing groups, no middleware.
/// </summary>
public static class BareKestrelApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/bare", BenchEndpoints.WriteBareAsync);
        app.MapGet("/bench/counters", BenchEndpoints.WriteCountersAsync);
        await app.RunAsync();
        return 0;
    }
}
