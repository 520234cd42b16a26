namespace Tickets.EndToEndTests;

/// <summary>
/// Test classes that measure the product under load run in this collection: after every other class, one at a time,
/// with nothing else running beside them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "Alone";
}
