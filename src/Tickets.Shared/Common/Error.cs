namespace Tickets.Common;

/// <summary>What kind of expected failure happened; one place maps each kind to an HTTP status.</summary>
public enum ErrorKind
{
    Validation,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    PreconditionFailed,
    PayloadTooLarge,
    UnsupportedMediaType,
    Unprocessable,
    TooManyRequests,
    Unavailable,
    Internal,
}

/// <summary>An expected failure, carried as a value and turned into an RFC 9457 problem at the edge.</summary>
public sealed record Error(ErrorKind Kind, string Code, string Title, string? Detail = null)
{
    /// <summary>Field name → messages, for validation failures (every bad field is named).</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    /// <summary>
    /// Field name → one stable code per message of <see cref="Errors"/>, in the same order (<see cref="FieldCodes"/>),
    /// so a client words each field's problem in its reader's language instead of showing the English message.
    /// </summary>
    public IReadOnlyDictionary<string, string[]>? ErrorCodes { get; init; }

    /// <summary>Extra members of the problem body (for example the allowed transitions on a 409).</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }

    public TimeSpan? RetryAfter { get; init; }

    public static Error Validation(
        IReadOnlyDictionary<string, string[]> errors, IReadOnlyDictionary<string, string[]> codes, string? detail = null) =>
        new(ErrorKind.Validation, "validation_failed", "One or more fields are invalid.", detail ?? "See errors for the fields to correct.")
        {
            Errors = errors,
            ErrorCodes = codes,
        };

    /// <summary>One bad field; <paramref name="code"/> is one of <see cref="FieldCodes"/>.</summary>
    public static Error Field(string field, string code, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] }, new Dictionary<string, string[]> { [field] = [code] });

    public static Error NotFound(string what) =>
        new(ErrorKind.NotFound, "not_found", "Not found.", $"The {what} does not exist or you cannot see it.");

    /// <summary>A conflict; the fields it names (a taken e-mail) carry the conflict's own code as their field code.</summary>
    public static Error Conflict(string code, string detail, IReadOnlyDictionary<string, string[]>? errors = null) =>
        new(ErrorKind.Conflict, code, "Conflict.", detail)
        {
            Errors = errors,
            ErrorCodes = errors?.ToDictionary(pair => pair.Key, pair => pair.Value.Select(_ => code).ToArray(), StringComparer.Ordinal),
        };

    public static Error Forbidden(string detail) =>
        new(ErrorKind.Forbidden, "forbidden", "Forbidden.", detail);

    public static Error Unauthorized(string code, string detail) =>
        new(ErrorKind.Unauthorized, code, "Unauthorized.", detail);

    public static Error PreconditionFailed(string detail) =>
        new(ErrorKind.PreconditionFailed, "precondition_failed", "Precondition failed.", detail);
}
