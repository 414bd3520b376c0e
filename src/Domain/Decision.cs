namespace TitleReview.Domain;

/// <summary>
/// What a pure <c>Decide(state, command)</c> returns: the outcome (usually the events to append) or a
/// <see cref="Refusal"/>. Either converts implicitly, so a decision reads <c>return new Approved(...)</c> or
/// <c>return Refusal.Conflict(...)</c>.
/// Beware T = object or an interface: C# applies no user-defined conversion from those (a cast would unbox or
/// fail instead), so build such decisions with <see cref="Decision.Accept{T}"/>.
/// </summary>
public readonly record struct Decision<T>
{
    private Decision(T? outcome, Refusal? refusal)
    {
        Outcome = outcome;
        Refusal = refusal;
    }

    public T? Outcome { get; }

    public Refusal? Refusal { get; }

    public bool IsRefused => Refusal is not null;

    public static implicit operator Decision<T>(T outcome) => new(outcome, null);

    internal static Decision<T> Accept(T outcome) => new(outcome, null);


    public static implicit operator Decision<T>(Refusal refusal) => new(default, refusal ?? throw new ArgumentNullException(nameof(refusal)));

    /// <summary>True with the outcome when accepted; false with the refusal otherwise.</summary>
    public bool Accepted(out T outcome, out Refusal refusal)
    {
        outcome = Outcome!;
        refusal = Refusal!;
        return Refusal is null;
    }
}

/// <summary>Builds decisions where the implicit conversions cannot apply.</summary>
public static class Decision
{
    /// <summary>An accepted decision, for outcomes typed as an interface (C# applies no user-defined conversion from one).</summary>
    public static Decision<T> Accept<T>(T outcome) => Decision<T>.Accept(outcome);
}
