using System.Diagnostics.CodeAnalysis;

namespace Tickets.Common;

/// <summary>
/// The shape of the ids this service hands out (32 hex digits today). An id from a URL or a body that cannot be one
/// is answered as not found without asking a store, so no store sees characters its keys cannot hold (Cosmos ids
/// may not contain / \ ? #).
/// </summary>
public static class Ids
{
    public const int MaxLength = 64;

    public static bool IsWellFormed([NotNullWhen(true)] string? id) =>
        id is { Length: > 0 and <= MaxLength } && id.AsSpan().IndexOfAnyExcept("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_") < 0;
}
