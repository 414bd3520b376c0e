using TitleReview.Contracts;
using TitleReview.Domain.Cycles;

namespace TitleReview.Payment.Features.AssessFee;

/// <summary>
/// Fees per cycle and level (notice 五: 按照省物价规定执行). Configuration, never code: the province sets the amounts.
/// </summary>
public sealed class FeeSchedule
{
    public const string Section = "Payment:Fees";

    /// <summary>cycle id → level → amount in CNY.</summary>
    public Dictionary<string, Dictionary<TitleLevel, decimal>> Cycles { get; set; } = [];

    public decimal? AmountFor(string cycleId, TitleLevel level) =>
        Cycles.TryGetValue(cycleId, out var levels) && levels.TryGetValue(level, out var amount) ? amount : null;

    public bool IsValid(ReviewCycleCatalogue cycles) => cycles.All.All(cycle => cycle.Levels.All(level =>
        AmountFor(cycle.Id, level) is { } amount && amount > 0 && decimal.Round(amount, 2) == amount));
}
