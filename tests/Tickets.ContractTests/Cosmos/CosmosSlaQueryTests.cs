using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Options;
using Tickets.Sla;
using Tickets.Storage.Cosmos;
using Tickets.Tickets;

namespace Tickets.ContractTests.Cosmos;

/// <summary>
/// The SLA filter and figures of the Cosmos adapter over documents exactly as it writes them (<see cref="TicketDocument.From"/>),
/// seeded one by one because cosmosdb-server cannot run the batches that normally write them: the adapter's query text
/// runs on a real Cosmos SQL engine. The same scenes run through the port on every store in <see cref="TicketStoreContract"/>.
/// </summary>
public abstract class CosmosSlaQueryTests(IStoreUnderTest store) : StoreContract(store)
{
    private static readonly TicketRules Rules = new(Options.Create(new TicketOptions()), new SlaPolicy(Options.Create(new SlaOptions())));

    private ITicketStore Tickets => Get<ITicketStore>();

    private async Task SeedAsync(IEnumerable<Ticket> tickets)
    {
        var container = Get<CosmosStore>().Container(CosmosModel.Tickets);
        foreach (var ticket in tickets)
            await container.CreateItemAsync(TicketDocument.From(ticket), new PartitionKey(ticket.Id));
    }

    [StoreFact]
    public async Task SlaFilterFindsTicketsByTheirConditionAtTheMomentAsked()
    {
        await SeedAsync(SlaScenes.EveryCondition(Rules, Time));

        await SlaScenes.AssertEveryConditionIsListedAsync(Tickets, Time.GetUtcNow());
    }

    [StoreFact]
    public async Task SlaFilterAgreesWithTheConditionTheServerShowsAtEveryMoment()
    {
        await SeedAsync(SlaScenes.EveryCondition(Rules, Time));

        await SlaScenes.AssertFilterAgreesWithEvaluateAsync(Tickets, Get<SlaPolicy>(), Time.GetUtcNow());
    }

    [StoreFact]
    public async Task StatsReportSlaCompliancePerPriorityAndTheMedianFirstResponse()
    {
        await SeedAsync(SlaScenes.FirstResponses(Rules, Time));

        SlaScenes.AssertFirstResponseFigures(await Tickets.StatsAsync(Time.GetUtcNow().AddDays(-1), Time.GetUtcNow(), Time.GetUtcNow()));
    }
}

[CosmosDbServerEndpoint]
public sealed class CosmosDbServerSlaQueryTests() : CosmosSlaQueryTests(new CosmosDbServerStore());

[CosmosAccountEndpoint]
public sealed class CosmosAccountSlaQueryTests() : CosmosSlaQueryTests(new CosmosAccountStore());
