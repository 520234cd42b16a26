using Tickets.Functions.Triggers;

namespace Tickets.EndToEndTests.Triggers;

/// <summary>Whatever the local host cannot honour stops it at start-up, naming the key, setting, function or parameter.</summary>
public sealed class TriggerStartupTests
{
    // Start-up is checked before anything talks to the queue service, so none is needed here.
    private static readonly Dictionary<string, string?> NoQueueService = new() { ["Tickets:Queues:CreateIfNotExists"] = "false" };

    [Fact]
    public async Task OutOfRangeHostJsonQueueSettingsAreNamed()
    {
        var problem = await StartUpFailureAsync("""{ "batchSize": 64, "visibilityTimeout": "soon", "maxDequeueCount": 0 }""", typeof(EchoFunction));

        Assert.Contains("extensions.queues.batchSize", problem);
        Assert.Contains("extensions.queues.visibilityTimeout", problem);
        Assert.Contains("extensions.queues.maxDequeueCount", problem);
    }

    [Fact]
    public async Task AnUnknownHostJsonQueueSettingIsNamed()
    {
        var problem = await StartUpFailureAsync("""{ "maxDequeCount": 3 }""", typeof(EchoFunction));

        Assert.Contains("extensions.queues.maxDequeCount", problem);
    }

    [Fact]
    public async Task AScheduleSettingThatIsNotConfiguredIsNamed()
    {
        var problem = await StartUpFailureAsync("{}", typeof(MissingScheduleSettingFunction));

        Assert.Contains("Tests:NoSuchSchedule", problem);
        Assert.Contains("MissingScheduleSetting", problem);
    }

    [Fact]
    public async Task AnInvalidScheduleIsNamed()
    {
        var problem = await StartUpFailureAsync("{}", typeof(BadScheduleFunction));

        Assert.Contains("BadSchedule", problem);
        Assert.Contains("every five minutes", problem);
    }

    [Fact]
    public async Task AParameterTheHostCannotBindNamesFunctionAndParameter()
    {
        var problem = await StartUpFailureAsync("{}", typeof(UnbindableFunction), typeof(WrongBodyTypeFunction));

        Assert.Contains("'retries' (Int32) of function Unbindable", problem);
        Assert.Contains("'message' (Uri) of function WrongBodyType", problem);
    }

    [Fact]
    public async Task AQueueTriggerOnAnotherConnectionIsNamed()
    {
        var problem = await StartUpFailureAsync("{}", typeof(OtherConnectionFunction));

        Assert.Contains("OtherConnection", problem);
        Assert.Contains("SomewhereElse", problem);
    }

    [Fact]
    public async Task HostJsonAndSendersMustEncodeMessagesAlike()
    {
        var problem = await StartUpFailureAsync("""{ "messageEncoding": "none" }""", typeof(EchoFunction));

        Assert.Contains("messageEncoding", problem);
        Assert.Contains("Tickets:Queues:MessageEncoding", problem);
    }

    private async Task<string> StartUpFailureAsync(string queuesJson, params Type[] functions)
    {
        await using var host = TriggerTestHost.Create("UseDevelopmentStorage=true", queuesJson, TriggerCatalog.From(functions), NoQueueService);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(host.StartAsync);
        return failure.Message;
    }
}
