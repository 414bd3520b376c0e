using TitleReview.Domain;
using TitleReview.Intake.Features.IdNumberLookup;
using TitleReview.Contracts.Identification;

namespace TitleReview.Intake.Features.IntegrityRegister;

/// <summary>The checks every admin import shares: a bounded number of lines, each naming a valid 身份证 number.</summary>
public static class ImportChecks
{
    public const int MaxLines = 10_000;

    /// <summary>False (with the error recorded) when there are no lines or too many.</summary>
    public static bool LineCountIsValid<T>(IReadOnlyList<T>? records, Dictionary<string, Bilingual[]> errors)
    {
        if (records is { Count: > 0 and <= MaxLines })
        {
            return true;
        }

        errors["records"] = [new($"须包含1至{MaxLines}条记录。", $"Between 1 and {MaxLines} records.")];
        return false;
    }

    public static void IdNumber(string? idNumber, int line, Dictionary<string, Bilingual[]> errors)
    {
        if (idNumber is null || ResidentIdNumber.Problem(IdNumbers.Normalise(idNumber)) is not null)
        {
            errors[$"records[{line}].idNumber"] = [new("身份证号码无效（GB 11643）。", "Invalid 身份证 number.")];
        }
    }
}
