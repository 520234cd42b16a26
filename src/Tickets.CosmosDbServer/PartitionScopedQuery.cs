using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Tickets.CosmosDbServer;

/// <summary>
/// Cosmos scopes a query to the partition key given with it (<c>QueryRequestOptions.PartitionKey</c>), whatever its
/// text says. cosmosdb-server ignores that key and instead refuses ("missing partition keys") a query whose WHERE
/// clause does not test the partition key path. So a partition-scoped query gets, on this server only, the test
/// Cosmos implies: <c>WHERE c.recipientId = @partitionKey0 AND (…the query's own condition…)</c>.
/// </summary>
internal static partial class PartitionScopedQuery
{
    private const string Parameter = "@cosmosDbServerPartitionKey";

    /// <summary>The query body with the partition test added; null when the query cannot be rewritten safely.</summary>
    public static byte[]? Scope(Stream queryBody, IReadOnlyList<string> partitionKeyPaths, JsonArray partitionKeyValues)
    {
        if (partitionKeyPaths.Count == 0 || partitionKeyPaths.Count != partitionKeyValues.Count) return null;
        if (JsonNode.Parse(queryBody) is not JsonObject body || body["query"]?.GetValue<string>() is not { } text) return null;

        var from = FromClause().Match(text);
        if (!from.Success || !IsOutsideStrings(text, from.Index)) return null;
        var aliased = from.Groups["alias"].Success && !IsKeyword(from.Groups["alias"].Value);
        var alias = aliased ? from.Groups["alias"].Value : from.Groups["source"].Value;
        var rest = aliased ? from.Index + from.Length : from.Groups["source"].Index + from.Groups["source"].Length;

        var test = string.Join(" AND ", partitionKeyPaths.Select((path, i) =>
            $"{alias}{string.Concat(path.Trim('/').Split('/').Select(Member))} = {Parameter}{i}"));
        var where = FirstKeyword(text, rest, "WHERE");
        var end = FirstKeyword(text, where ?? rest, "ORDER", "GROUP", "OFFSET") ?? text.Length;
        var scoped = where is { } w
            ? $"{text[..w]}WHERE {test} AND ({text[(w + "WHERE".Length)..end].Trim()}) {text[end..]}"
            : $"{text[..end].TrimEnd()} WHERE {test} {text[end..]}";

        var parameters = body["parameters"] as JsonArray ?? [];
        for (var i = 0; i < partitionKeyValues.Count; i++)
            parameters.Add(new JsonObject { ["name"] = $"{Parameter}{i}", ["value"] = partitionKeyValues[i]?.DeepClone() });
        body["parameters"] = parameters;
        body["query"] = scoped.TrimEnd();
        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    /// <summary>Where one of the keywords first appears as a word outside string literals, from <paramref name="start"/>.</summary>
    private static int? FirstKeyword(string text, int start, params string[] keywords)
    {
        foreach (Match match in Keyword().Matches(text, start))
        {
            if (keywords.Contains(match.Value, StringComparer.OrdinalIgnoreCase) && IsOutsideStrings(text, match.Index))
                return match.Index;
        }

        return null;
    }

    private static bool IsOutsideStrings(string text, int index)
    {
        char? quote = null;
        for (var i = 0; i < index; i++)
        {
            if (quote is null && text[i] is '\'' or '"') quote = text[i];
            else if (quote == text[i] && text[i - 1] != '\\') quote = null;
        }

        return quote is null;
    }

    private static string Member(string name) => Identifier().IsMatch(name) ? $".{name}" : $"[\"{name}\"]";

    private static bool IsKeyword(string word) =>
        word.ToUpperInvariant() is "WHERE" or "JOIN" or "ORDER" or "GROUP" or "OFFSET" or "IN";

    [GeneratedRegex(@"\bFROM\s+(?<source>[A-Za-z_]\w*)(\s+(AS\s+)?(?<alias>[A-Za-z_]\w*))?", RegexOptions.IgnoreCase)]
    private static partial Regex FromClause();

    [GeneratedRegex(@"^[A-Za-z_]\w*$")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"\b[A-Za-z]+\b")]
    private static partial Regex Keyword();
}
