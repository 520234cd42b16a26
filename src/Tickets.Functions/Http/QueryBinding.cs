using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Tickets.Common;

namespace Tickets.Functions.Http;

/// <summary>Builds a parameters record from the query string, each constructor parameter by its <see cref="QueryAttribute"/> name.</summary>
public static class QueryBinding
{
    private static readonly ConcurrentDictionary<Type, (ConstructorInfo Constructor, string[] Names)> Shapes = new();

    public static T QueryAs<T>(this HttpRequest request) where T : class
    {
        var (constructor, names) = Shapes.GetOrAdd(typeof(T), ShapeOf);
        // An absent parameter is null; a repeated one keeps its values comma-joined, as lists expect.
        var values = names.Select(name => (object?)(request.Query.TryGetValue(name, out var value) && value.Count > 0 ? value.ToString() : null)).ToArray();
        return (T)constructor.Invoke(values);
    }

    /// <summary>The record's constructor and the query name of each of its parameters.</summary>
    public static (ConstructorInfo Constructor, string[] Names) ShapeOf(Type type)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var names = constructor.GetParameters().Select(p =>
            p.ParameterType == typeof(string) && p.GetCustomAttribute<QueryAttribute>() is { } query
                ? query.Name
                : throw new InvalidOperationException($"{type.Name}.{p.Name} must be a string with a [Query] name.")).ToArray();
        return (constructor, names);
    }
}
