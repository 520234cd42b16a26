using System.Reflection;

namespace Tickets.Common;

/// <summary>
/// A JSON payload whose shape is chosen by a kind written beside it, as a history event's <c>data</c> is chosen by
/// its <c>type</c>. Each kind has one payload type; the API document is built from these pairs, so clients can
/// rely on them.
/// </summary>
public interface IPayloadOf<TKind> where TKind : struct, Enum
{
    static abstract TKind Kind { get; }
}

/// <summary>On a JSON property: its payload type follows the named sibling enum property (see <see cref="IPayloadOf{TKind}"/>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PayloadOfAttribute(string kindProperty) : Attribute
{
    public string KindProperty { get; } = kindProperty;
}

public static class Payloads
{
    /// <summary>The payload types declared for the enum <paramref name="kind"/> in its assembly, by kind value.</summary>
    public static IReadOnlyDictionary<Enum, Type> Of(Type kind)
    {
        var contract = typeof(IPayloadOf<>).MakeGenericType(kind);
        var payloads = new Dictionary<Enum, Type>();
        foreach (var type in kind.Assembly.GetTypes().Where(t => !t.IsAbstract && contract.IsAssignableFrom(t)))
        {
            var value = (Enum)type.GetProperty(nameof(IPayloadOf<>.Kind), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            if (!payloads.TryAdd(value, type))
                throw new InvalidOperationException($"{kind.Name}.{value} has two payload types: {payloads[value].Name} and {type.Name}.");
        }

        return payloads;
    }
}
