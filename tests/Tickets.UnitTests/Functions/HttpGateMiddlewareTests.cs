using System.Collections.Immutable;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Tickets.Functions.Http;

namespace Tickets.UnitTests.Functions;

public sealed class HttpGateMiddlewareTests
{
    private static FunctionContext Context(string name, string trigger, HttpContext? http)
    {
        var binding = new Mock<BindingMetadata>();
        binding.SetupGet(b => b.Type).Returns(trigger);
        binding.SetupGet(b => b.Name).Returns("request");
        var definition = new Mock<FunctionDefinition>();
        definition.SetupGet(d => d.Name).Returns(name);
        definition.SetupGet(d => d.InputBindings).Returns(ImmutableDictionary<string, BindingMetadata>.Empty.Add("request", binding.Object));

        var items = new Dictionary<object, object>();
        if (http is not null) items["HttpRequestContext"] = http;
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.FunctionDefinition).Returns(definition.Object);
        context.SetupGet(c => c.Items).Returns(items);
        context.SetupGet(c => c.InstanceServices).Returns(new ServiceCollection().AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance).BuildServiceProvider());
        return context.Object;
    }

    [Fact]
    public async Task AnHttpFunctionWithoutDeclaredAccessNeverRunsAndAnswersNotFound()
    {
        var http = new DefaultHttpContext();
        http.Response.Body = new MemoryStream();
        var ran = false;

        await new HttpGateMiddleware().Invoke(Context("Sneaky", "httpTrigger", http), _ => { ran = true; return Task.CompletedTask; });

        Assert.False(ran);
        Assert.Equal(404, http.Response.StatusCode);
        Assert.Equal("application/problem+json; charset=utf-8", http.Response.ContentType);
    }

    [Fact]
    public async Task EveryHttpAnswerCarriesTheApiSecurityHeaders()
    {
        var http = new DefaultHttpContext();
        http.Response.Body = new MemoryStream();

        await new HttpGateMiddleware().Invoke(Context("Sneaky", "httpTrigger", http), _ => Task.CompletedTask);

        Assert.Equal(SecurityHeaders.Api, SecurityHeaders.Api.ToDictionary(h => h.Key, h => http.Response.Headers[h.Key].ToString()));
    }

    [Fact]
    public async Task AnHttpFunctionWithoutAnHttpContextNeverRuns()
    {
        var ran = false;

        await new HttpGateMiddleware().Invoke(Context("GetMe", "httpTrigger", http: null), _ => { ran = true; return Task.CompletedTask; });

        Assert.False(ran);
    }

    [Theory]
    [InlineData("queueTrigger")]
    [InlineData("timerTrigger")]
    public async Task QueueAndTimerFunctionsPassThrough(string trigger)
    {
        var ran = false;

        await new HttpGateMiddleware().Invoke(Context("Notify", trigger, http: null), _ => { ran = true; return Task.CompletedTask; });

        Assert.True(ran);
    }
}
