namespace TitleReview.Domain;

/// <summary>
/// What a pure <c>Decide(state, command)</c> returns: the outcome (usually the events to append) or a
/// <see cref="Refusal"/>. Either converts implicitly, so a decision reads <c>return new Approved(...)</c> or
/// <c>return Refusal.Conflict(...)</c>.
/// Beware T = object or an interface: C# applies no user-defined conversion from those (a cast would unbox or
/// fail instead), so decide in a concrete type (ReviewDecider returns the events as an array).
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

    public static implicit operator Decision<T>(Refusal refusal) => new(default, refusal ?? throw new ArgumentNullException(nameof(refusal)));

    /// <summary>True with the outcome when accepted; false with the refusal otherwise.</summary>
    public bool Accepted(out T outcome, out Refusal refusal)
    {
        outcome = Outcome!;
        refusal = Refusal!;
        return Refusal is null;
    }
}
