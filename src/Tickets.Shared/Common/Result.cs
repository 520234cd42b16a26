namespace Tickets.Common;

/// <summary>The outcome of an operation that can fail in an expected way.</summary>
public readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, Error? error)
    {
        _value = value;
        Error = error;
    }

    public Error? Error { get; }

    public bool IsSuccess => Error is null;

    public T Value => Error is null ? _value! : throw new InvalidOperationException($"Result is a failure: {Error.Code}");

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(Error error) => new(default, error);

    public Result<TOut> Map<TOut>(Func<T, TOut> map) => IsSuccess ? map(Value) : Error!;
}

/// <summary>A result without a value.</summary>
public readonly struct Result
{
    private Result(Error? error) => Error = error;

    public Error? Error { get; }

    public bool IsSuccess => Error is null;

    public static Result Success { get; } = new(null);

    public static implicit operator Result(Error error) => new(error);
}
