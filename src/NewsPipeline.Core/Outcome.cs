namespace NewsPipeline.Core;

/// <summary>Why a stage could not produce its result. Expected failures are values, not exceptions.</summary>
public enum FailureReason
{
    NetworkError,
    Timeout,
    HttpStatus,
    TooLarge,
    NotModified,
    Gone,
    RateLimited,
    UnsupportedContent,
    Malformed,
    Empty,
}

/// <summary>An expected failure of a stage: a closed reason plus a sentence for the operator.</summary>
public sealed record Failure(FailureReason Reason, string Detail)
{
    public override string ToString() => $"{Reason}: {Detail}";
}

/// <summary>Either a value or an expected failure.</summary>
public readonly record struct Outcome<T>
    where T : class
{
    private Outcome(T? value, Failure? failure)
    {
        Value = value;
        Failure = failure;
    }

    public T? Value { get; }

    public Failure? Failure { get; }

    public bool IsSuccess => Failure is null;

    public static Outcome<T> Success(T value) => new(value, null);

    public static Outcome<T> Fail(FailureReason reason, string detail) => new(null, new Failure(reason, detail));

    public static Outcome<T> Fail(Failure failure) => new(null, failure);
}
