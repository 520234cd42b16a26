using Tickets.Common;

namespace Tickets.Functions.Http;

/// <summary>
/// The expected failures of an HTTP function beyond those its declarations imply (400 for a body or query, 401/403
/// from <see cref="AccessAttribute"/>, 404 for a route with an id, 413/415 for a body). Each becomes a problem
/// response in the API document, with the status <see cref="Problems.StatusOf"/> gives it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class FailsAttribute(params ErrorKind[] kinds) : Attribute
{
    public IReadOnlyList<ErrorKind> Kinds { get; } = kinds;
}
