using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tickets.Attachments;
using Tickets.Functions.Attachments;
using Tickets.Functions.Http;
using Tickets.Inbound;

namespace Tickets.Functions;

public static class FunctionsComposition
{
    /// <summary>The product plus the HTTP edge; the Functions worker and the local host both call this.</summary>
    public static IServiceCollection AddTicketsFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        // Every HTTP function must declare its access: discovering the catalog now stops start-up naming one that does not.
        _ = FunctionCatalog.All;

        services.AddTickets(configuration);
        services.AddScoped<HttpAuthorizer>();
        services.AddSingleton<AccountRateLimits>();
        services.AddScoped<IdempotentRequests>();
        // No Server banner from the Kestrel in front of the functions (the worker's, and the local host's).
        services.Configure<KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false);
        // A request body may carry the largest file (Tickets:Attachments:MaxBytes) and its multipart framing: the upload counts
        // the file itself and answers a 413 problem; Kestrel's own cap (30 MB unless raised here) only stops what is far beyond.
        // Likewise an inbound message posted to the webhook (Tickets:Inbound:MaxMessageBytes), counted by the webhook itself.
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<AttachmentOptions>, IOptions<InboundOptions>>((kestrel, attachments, inbound) =>
        {
            if (kestrel.Limits.MaxRequestBodySize is { } cap)
                kestrel.Limits.MaxRequestBodySize = Math.Max(cap, Math.Max(attachments.Value.MaxBytes + 2 * FileUpload.FramingBytes, inbound.Value.MaxMessageBytes + 1));
        });
        return services;
    }
}
