using Xunit.Abstractions;
using Xunit.Sdk;

namespace Tickets.ContractTests;

/// <summary>What a contract case needs from the store's endpoint beyond plain CRUD and queries.</summary>
[Flags]
public enum StoreNeeds
{
    Nothing = 0,
    /// <summary>Documents that really expire.</summary>
    TimeToLive = 2,
}

/// <summary>
/// A contract case. It runs unless the concrete contract class's <see cref="StoreEndpointAttribute"/> says its endpoint is
/// not configured or lacks what the case <see cref="Needs"/>; then it is reported as skipped with that reason, never passed.
/// </summary>
[XunitTestCaseDiscoverer("Tickets.ContractTests.StoreFactDiscoverer", "Tickets.ContractTests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute
{
    public StoreNeeds Needs { get; set; }
}

/// <summary>Put on a concrete contract class: says whether its endpoint can run a case, and if not, why.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public abstract class StoreEndpointAttribute : Attribute
{
    /// <summary>Null when the case can run; otherwise the reason, naming the endpoint or variable it needs.</summary>
    public abstract string? SkipReason(StoreNeeds needs);
}

public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var needs = factAttribute.GetNamedArgument<StoreNeeds>(nameof(StoreFactAttribute.Needs));
        var endpoint = testMethod.TestClass.Class.ToRuntimeType()
            ?.GetCustomAttributes(typeof(StoreEndpointAttribute), inherit: true).OfType<StoreEndpointAttribute>().SingleOrDefault();
        var skip = factAttribute.GetNamedArgument<string?>(nameof(FactAttribute.Skip)) ?? endpoint?.SkipReason(needs);

        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        yield return skip is null
            ? new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod)
            : new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, displayOptions, testMethod, skip);
    }
}

/// <summary>A data-driven contract case; skipped as a whole, with the reason, when the endpoint lacks what it <see cref="Needs"/>.</summary>
[XunitTestCaseDiscoverer("Tickets.ContractTests.StoreTheoryDiscoverer", "Tickets.ContractTests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreTheoryAttribute : TheoryAttribute
{
    public StoreNeeds Needs { get; set; }
}

public sealed class StoreTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute)
    {
        var needs = theoryAttribute.GetNamedArgument<StoreNeeds>(nameof(StoreTheoryAttribute.Needs));
        var endpoint = testMethod.TestClass.Class.ToRuntimeType()
            ?.GetCustomAttributes(typeof(StoreEndpointAttribute), inherit: true).OfType<StoreEndpointAttribute>().SingleOrDefault();
        if (endpoint?.SkipReason(needs) is { } skip)
        {
            return [new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, skip)];
        }

        return base.Discover(discoveryOptions, testMethod, theoryAttribute);
    }
}
