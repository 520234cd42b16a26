using System.Reflection;
using Tickets.Common;
using Tickets.Tickets;

namespace Tickets.SavedViews;

/// <summary>
/// A saved view's query string, read with the ticket list's own parameters (<see cref="TicketListParameters"/>): every
/// parameter must be one the list knows, and the list's parsing must accept the values, or the save is a 400 naming
/// <c>query</c>. The stored text is normalised: the list's parameter order, encoded once, without <c>cursor</c> (a page
/// position is not part of a view) and without empty parameters.
/// </summary>
public static class SavedViewQuery
{
    public const string Field = "query";
    public const int MaxLength = 2000;

    /// <summary>The parameter dropped when a query is saved: a cursor belongs to one page of one list, not to a view.</summary>
    public const string Dropped = "cursor";

    private static readonly (ConstructorInfo Constructor, string[] Names) Shape = ShapeOf(typeof(TicketListParameters));

    /// <summary>Reads <paramref name="query"/> (a leading <c>?</c> allowed) into the list's parameters and their normalised text.</summary>
    /// <returns>Null, with the problem added to <paramref name="v"/>, when the text is not the list's query.</returns>
    public static (TicketListParameters Parameters, string Text)? Read(Validator v, string? query)
    {
        var text = (query ?? "").Trim();
        if (text.StartsWith('?')) text = text[1..];
        if (text.Length > MaxLength)
        {
            v.Add(Field, FieldCodes.TooLong, $"Must be at most {MaxLength} characters.");
            return null;
        }

        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Decode(pair[(equals + 1)..]);
            if (!Shape.Names.Contains(name, StringComparer.Ordinal))
            {
                v.Add(Field, FieldCodes.NotAllowed, $"Unknown parameter '{name}': use {string.Join(", ", Shape.Names.Where(n => n != Dropped))}.");
                return null;
            }

            if (name == Dropped || value.Length == 0) continue;
            // A repeated parameter keeps its values comma-joined, as the list's binding does.
            if (values.TryGetValue(name, out var list)) list.Add(value);
            else values[name] = [value];
        }

        var arguments = Shape.Names.Select(n => (object?)(values.TryGetValue(n, out var v) ? string.Join(',', v) : null)).ToArray();
        var parameters = (TicketListParameters)Shape.Constructor.Invoke(arguments);
        var normalised = string.Join('&', Shape.Names
            .Select((n, i) => (Name: n, Value: (string?)arguments[i]))
            .Where(p => p.Value is not null)
            .Select(p => $"{p.Name}={Encode(p.Value!)}"));
        return (parameters, normalised);
    }

    /// <summary>Adds the list's own validation errors as problems of <c>query</c>, each naming its parameter.</summary>
    public static void AddListErrors(Validator v, Error listError)
    {
        if (listError.Errors is null)
        {
            v.Add(Field, FieldCodes.Invalid, listError.Detail ?? listError.Title);
            return;
        }

        foreach (var (parameter, messages) in listError.Errors)
        {
            var codes = listError.ErrorCodes?.GetValueOrDefault(parameter) ?? [];
            for (var i = 0; i < messages.Length; i++)
                v.Add(Field, i < codes.Length ? codes[i] : FieldCodes.Invalid, $"{parameter}: {messages[i]}");
        }
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    // Commas separate a list's values: kept readable, as the list reads them either way.
    private static string Encode(string value) => Uri.EscapeDataString(value).Replace("%2C", ",", StringComparison.Ordinal);

    private static (ConstructorInfo Constructor, string[] Names) ShapeOf(Type type)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var names = constructor.GetParameters().Select(p => p.GetCustomAttribute<QueryAttribute>()?.Name
            ?? throw new InvalidOperationException($"{type.Name}.{p.Name} has no [Query] name.")).ToArray();
        return (constructor, names);
    }
}
