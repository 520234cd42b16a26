using System.Collections.Frozen;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Tickets.Functions.Http;

/// <summary>An HTTP-triggered function as declared by its attributes; <see cref="Writes"/> from its <see cref="AccessAttribute"/>.</summary>
public sealed record HttpFunction(string Name, MethodInfo Method, string Route, IReadOnlyList<string> Methods, Who Access, bool Writes = false);

/// <summary>
/// The HTTP functions of this assembly, read once from their attributes: the worker middleware finds a
/// function's access rule here by name, and the local host maps its routes from here.
/// </summary>
public static class FunctionCatalog
{
    private static readonly Lazy<FrozenDictionary<string, HttpFunction>> Functions = new(Discover);

    public static IReadOnlyCollection<HttpFunction> All => Functions.Value.Values;

    public static HttpFunction? Find(string functionName) => Functions.Value.GetValueOrDefault(functionName);

    /// <summary>Every method with [Function] whose trigger is HTTP, with or without an access declaration.</summary>
    public static IEnumerable<(string Name, MethodInfo Method, HttpTriggerAttribute Trigger, AccessAttribute? Access)> Declarations() =>
        from type in typeof(FunctionCatalog).Assembly.GetTypes()
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
        let function = method.GetCustomAttribute<FunctionAttribute>()
        where function is not null
        let trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(t => t is not null)
        where trigger is not null
        select (function.Name, method, trigger, method.GetCustomAttribute<AccessAttribute>());

    private static FrozenDictionary<string, HttpFunction> Discover() =>
        Declarations().ToFrozenDictionary(
            d => d.Name,
            d => new HttpFunction(
                d.Name,
                d.Method,
                d.Trigger.Route ?? d.Name,
                d.Trigger.Methods?.Select(m => m.ToUpperInvariant()).ToArray() ?? ["GET", "POST"],
                d.Access?.Who ?? throw new InvalidOperationException($"HTTP function {d.Name} has no [Access] declaration."),
                d.Access.Writes));
}
