namespace Tickets.Storage.Cosmos;

/// <summary>
/// The one description of the Cosmos DB model: container names, partition keys, TTLs and the
/// indexing the queries need. The adapter creates containers from it (emulators only) and the
/// infrastructure test checks that <c>infra/</c> declares exactly the same.
/// </summary>
public static class CosmosModel
{
    public const string DefaultDatabaseName = "tickets";

    public static readonly CosmosContainerModel Tickets = new(
        Name: "tickets",
        PartitionKeyPath: "/ticketId",
        DefaultTtlSeconds: null,
        // The ticket list sorts, each ending in id as the tie-break (SQLite's exact order); a composite index also serves
        // its exact reverse, so the descending sorts need no index of their own. Comments and history order on one path (seq).
        CompositeIndexes:
        [
            [new("/createdAt", Ascending: true), new("/id", Ascending: true)],
            [new("/updatedAt", Ascending: true), new("/id", Ascending: true)],
            [new("/priorityRank", Ascending: true), new("/createdAt", Ascending: true), new("/id", Ascending: true)],
            [new("/slaDueAt", Ascending: true), new("/id", Ascending: true)],
        ],
        // The nested aggregates are read, never filtered on: only the top-level copies (status, priorityRank, searchText, …)
        // and, for comments and events, ticketId/type/seq/internal are indexed. Keeps writes cheap. The report facts are
        // projected, never filtered on (reports filter on the top-level createdAt, resolvedAt, status, teamId, category).
        ExcludedPaths: ["/ticket/*", "/comment/*", "/event/*", "/facts/*", "/\"_etag\"/?"]);

    public static readonly CosmosContainerModel Users = new(
        Name: "users",
        PartitionKeyPath: "/id",
        // -1: TTL is on, items without their own "ttl" never expire (throttle and token records set one).
        DefaultTtlSeconds: -1,
        // The user list's order (same as SQLite): folded "last names first names", then id; ORDER BY on two paths needs it.
        CompositeIndexes: [[new("/sortName", Ascending: true), new("/id", Ascending: true)]],
        // Never queried: the hash, and the throttle's failure list (read by point reads only).
        ExcludedPaths: ["/passwordHash/?", "/failures/*", "/\"_etag\"/?"]);

    public static readonly CosmosContainerModel Notifications = new(
        Name: "notifications",
        PartitionKeyPath: "/recipientId",
        DefaultTtlSeconds: 60 * 60 * 24 * 90,
        CompositeIndexes: [[new("/createdAt", Ascending: false), new("/id", Ascending: false)]],
        ExcludedPaths: ["/message/?", "/\"_etag\"/?"]);

    public static readonly CosmosContainerModel Meta = new(
        Name: "meta",
        PartitionKeyPath: "/id",
        // -1: idempotency records carry their own 24 h "ttl"; counters never expire.
        DefaultTtlSeconds: -1,
        CompositeIndexes: [],
        ExcludedPaths: ["/response/*", "/\"_etag\"/?"]);

    /// <summary>
    /// The help desk's configuration (teams, categories, SLA policies and calendars, assignment turns) and the admin audit
    /// log, in one logical partition (see <see cref="AdminPartitions"/>). -1: audit entries carry their own retention ttl;
    /// configuration never expires. The audit log lists newest first (reverse of the index) with an id tie-break.
    /// </summary>
    public static readonly CosmosContainerModel Admin = new(
        Name: "admin",
        PartitionKeyPath: "/partition",
        DefaultTtlSeconds: -1,
        CompositeIndexes: [[new("/at", Ascending: true), new("/id", Ascending: true)]],
        ExcludedPaths: ["/before/*", "/after/*", "/\"_etag\"/?"]);

    public static IReadOnlyList<CosmosContainerModel> Containers { get; } = [Tickets, Users, Notifications, Meta, Admin];
}

public sealed record CosmosContainerModel(
    string Name,
    string PartitionKeyPath,
    int? DefaultTtlSeconds,
    IReadOnlyList<IReadOnlyList<CompositePath>> CompositeIndexes,
    IReadOnlyList<string> ExcludedPaths);

public sealed record CompositePath(string Path, bool Ascending);
