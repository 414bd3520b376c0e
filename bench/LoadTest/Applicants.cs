using TitleReview.Contracts.Identification;

namespace TitleReview.Bench.Load;

/// <summary>
/// A different valid 身份证 number (GB 11643 check character) and a plausible name for every application of a run. One
/// person may hold one application per level and year (三(六)), so a repeated number would be a 422, not load: the
/// tests' random numbers (tests/Testing Applicants.NewIdNumber) collide a few hundred times in 100,000. Here number n of
/// a run is the (start + n)-th of the 14.6 million that 40 years of birth dates × 1,000 sequence numbers give, and the
/// start is the run's start in Unix seconds × 1,000: a run that sends fewer than 1,000 a second (this machine sends far
/// fewer) never reaches the numbers of a run started after it, nor uses those of one before it, for 169 days.
/// </summary>
public sealed class Applicants
{
    private const int PerDay = 1000;
    private static readonly DateOnly FirstBirthDate = new(1960, 1, 1);
    private static readonly long Space = 40L * 365 * PerDay;
    private static readonly string Surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
    private static readonly string GivenNames = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂";

    private readonly long start = DateTimeOffset.UtcNow.ToUnixTimeSeconds() * PerDay;
    private long issued = -1;

    /// <summary>The next applicant of this run: a fresh 身份证 number and a name (400 names, repeating).</summary>
    public (string IdNumber, string Name) Next()
    {
        var n = Interlocked.Increment(ref issued);
        var index = (start + n) % Space;
        var birth = FirstBirthDate.AddDays((int)(index / PerDay));
        var first17 = $"320200{birth:yyyyMMdd}{index % PerDay:D3}";
        var name = $"{Surnames[(int)(n % Surnames.Length)]}{GivenNames[(int)(n / Surnames.Length % GivenNames.Length)]}{GivenNames[(int)(n % GivenNames.Length)]}";
        return (first17 + ResidentIdNumber.CheckCharacterOf(first17), name);
    }
}
