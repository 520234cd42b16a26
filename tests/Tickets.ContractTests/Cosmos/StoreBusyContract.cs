using System.Net;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tickets.Common;
using Tickets.Sla;
using Tickets.Storage;
using Tickets.Tickets;
using Tickets.Users;

namespace Tickets.ContractTests.Cosmos;

/// <summary>
/// Throttling that the SDK's retries did not absorb reaches callers as a busy store (<see cref="StoreUnavailableException"/>,
/// which the HTTP gate answers with 503 and Retry-After), through every kind of call the ticket store makes: a point read,
/// a query, a transactional batch. A handler behind the adapters' own answers 429 once switched on; the SDK's retry
/// handler comes after both, so it does not retry these answers.
/// </summary>
public abstract class StoreBusyContract : StoreContract
{
    private static readonly TicketRules Rules = new(Options.Create(new TicketOptions()), new SlaPolicy(Options.Create(new SlaOptions())));
    private static readonly Actor Requester = new("requester-1", "Úrsula Usuaria", Role.User, "Contabilidad");
    private static readonly Actor Admin = new("admin-1", "Ana Administradora", Role.Admin, "Sistemas");

    private readonly Throttle _throttle;

    protected StoreBusyContract(IStoreUnderTest store)
        : this(new Throttle(), store)
    {
    }

    private StoreBusyContract(Throttle throttle, IStoreUnderTest store)
        : base(new ThrottledStore(store, throttle)) => _throttle = throttle;

    private ITicketStore Tickets => Get<ITicketStore>();

    [StoreFact]
    public async Task ThrottlingIsABusyStoreForReadsQueriesAndBatches()
    {
        var change = Ticket.Create(Guid.NewGuid().ToString("N"), await Tickets.NextNumberAsync(),
            new CreateTicketRequest("La impresora no imprime", "Descripción del problema.", "high"), Requester, Rules, Time.GetUtcNow()).Value;
        var ticket = (await Tickets.CreateAsync(change))!;
        _throttle.On = true;

        await AssertBusyAsync(() => Tickets.FindAsync(ticket.Id));
        await AssertBusyAsync(() => Tickets.ListAsync(new TicketQuery { Page = new PageRequest(10, null, false) }));
        await AssertBusyAsync(() => Tickets.SaveAsync(ticket.Assign(Admin, new Assignee("tech-1", "Tomás Técnico"), Time.GetUtcNow()).Value, ticket.ETag));
    }

    private static async Task AssertBusyAsync(Func<Task> call)
    {
        var thrown = await Record.ExceptionAsync(call);

        Assert.NotNull(thrown);
        Assert.IsNotType<CosmosException>(thrown);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), StoreBusy.From(thrown)?.RetryAfter);
    }

    private sealed class ThrottledStore(IStoreUnderTest store, Throttle throttle) : IStoreUnderTest
    {
        public IReadOnlyDictionary<string, string?> Settings(string uniqueName) => store.Settings(uniqueName);

        public void ConfigureServices(IServiceCollection services)
        {
            store.ConfigureServices(services);
            // Right behind the adapters' busy handler, ahead of any engine shim and of the SDK's own retries.
            services.PostConfigure<CosmosClientOptions>(options => options.CustomHandlers.Insert(1, throttle));
        }

        public Task DropAsync(IServiceProvider services, string uniqueName)
        {
            throttle.On = false;
            return store.DropAsync(services, uniqueName);
        }
    }

    /// <summary>Once on, answers every request as Cosmos does past its RU budget.</summary>
    private sealed class Throttle : RequestHandler
    {
        public volatile bool On;

        public override Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
        {
            if (!On) return base.SendAsync(request, cancellationToken);
            var response = new ResponseMessage(HttpStatusCode.TooManyRequests, request, "Request rate is large.");
            response.Headers["x-ms-retry-after-ms"] = "1500";
            return Task.FromResult(response);
        }
    }
}

[CosmosDbServerEndpoint]
public sealed class CosmosDbServerStoreBusyContract() : StoreBusyContract(new CosmosDbServerStore());
