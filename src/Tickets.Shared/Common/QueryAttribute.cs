namespace Tickets.Common;

/// <summary>How a query parameter's text is read.</summary>
public enum QueryType
{
    Text,
    Integer,
    Boolean,

    /// <summary>An ISO-8601 date (a whole day) or date-time.</summary>
    Instant,
}

/// <summary>
/// Names one raw query parameter of a parameters record and says what it accepts. The HTTP edge binds the record
/// from the query string by these names and the API document lists them from here; the record's own parsing
/// enforces the same rules, answering a 400 that names the parameter.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class QueryAttribute(string name) : Attribute
{
    public string Name { get; } = name;

    public QueryType Type { get; init; } = QueryType.Text;

    /// <summary>An enum whose wire names are the accepted values.</summary>
    public Type? Values { get; init; }

    /// <summary>A static property of the record whose keys or items are the accepted values.</summary>
    public string? ValuesFrom { get; init; }

    /// <summary>Several values, comma-separated.</summary>
    public bool List { get; init; }

    public int Minimum { get; init; } = int.MinValue;

    public int Maximum { get; init; } = int.MaxValue;

    public int MaxLength { get; init; } = int.MaxValue;

    /// <summary>The value assumed when the parameter is absent, as text.</summary>
    public string? Default { get; init; }

    public string? Description { get; init; }
}
