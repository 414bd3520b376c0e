using TitleReview.Contracts;
using TitleReview.Contracts.Applications;
using TitleReview.Domain.Cycles;
using TitleReview.Contracts.Identification;
using TitleReview.Domain;

namespace TitleReview.Intake.Features.SubmitApplication;

/// <summary>
/// The portal's application. Version 2 (current) adds the notice's 13 modules as <see cref="Dossier"/>; version 1,
/// the declaration alone, skips every dossier rule and is accepted only from the clients <see cref="PortalOptions"/> lists. Every field
/// is optional in the type so that a missing one is reported by name together with all others, not as a JSON error.
/// </summary>
public sealed record SubmitApplicationRequest(
    int? SchemaVersion,
    string? CycleId,
    string? ApplicantName,
    string? IdNumber,
    string? Employer,
    string? Series,
    string? Specialty,
    string? Level,
    string? EmployerCreditCode = null,
    Dossier? Dossier = null)
{
    public const int CurrentSchemaVersion = 2;

    public const int DeclarationOnlySchemaVersion = 1;

    /// <summary>A complete application is a few tens of KB (files travel separately): anything near this is not one.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    /// <summary>The request as the rules and the stores see it: the 身份证 number normalised once, here at the edge.</summary>
    public SubmitApplicationRequest Normalised() => IdNumber is null ? this : this with { IdNumber = IdNumberLookup.IdNumbers.Normalise(IdNumber) };

    /// <summary>Every field error by path; an unknown cycle is one <paramref name="cycles"/> (default: the shipped ones) lacks.</summary>
    public Dictionary<string, Bilingual[]> Validate(ReviewCycleCatalogue? cycles = null)
    {
        var errors = new Dictionary<string, Bilingual[]>();
        void Fail(string field, string chinese, string english) => errors[field] = [new(chinese, english)];

        if (SchemaVersion is not (CurrentSchemaVersion or DeclarationOnlySchemaVersion))
        {
            Fail("schemaVersion", $"schemaVersion 必须为 {CurrentSchemaVersion}（或仅含申报信息的 1）。", $"schemaVersion must be {CurrentSchemaVersion} (or 1, declaration only).");
        }
        else if (SchemaVersion == CurrentSchemaVersion)
        {
            DossierValidation.Validate(Dossier, errors);
        }
        else if (Dossier is not null)
        {
            Fail("dossier", "第1版申报不含 dossier，请使用 schemaVersion 2。", "Schema version 1 has no dossier; use schemaVersion 2.");
        }

        if (string.IsNullOrWhiteSpace(CycleId))
        {
            Fail("cycleId", "必须填写评审批次（cycleId）。", "cycleId is required.");
        }
        else if ((cycles ?? ReviewCycleCatalogue.Shipped).Find(CycleId) is null)
        {
            Fail("cycleId", $"未知的评审批次“{CycleId}”。", $"Unknown review cycle '{CycleId}'.");
        }

        Required("applicantName", ApplicantName, "申报人姓名", "applicantName", 50);
        Required("employer", Employer, "工作单位", "employer", 200);
        Required("series", Series, "职称系列", "series", 50);
        Required("specialty", Specialty, "专业", "specialty", 100);

        if (string.IsNullOrWhiteSpace(IdNumber))
        {
            Fail("idNumber", "必须填写身份证号码。", "idNumber is required.");
        }
        else if (ResidentIdNumber.Problem(IdNumber) is { } idProblem)
        {
            // Design.md, Rules: 身份证 numbers are checked by GB 11643 (structure, real date of birth, check character).
            errors["idNumber"] = [new(idProblem.Chinese, idProblem.English)];
        }

        if (EmployerCreditCode is not null && !UnifiedSocialCreditCode.IsValid(EmployerCreditCode))
        {
            Fail("employerCreditCode", "单位统一社会信用代码无效（GB 32100：18位，校验位正确）。", "employerCreditCode is not a valid unified social credit code (GB 32100).");
        }

        if (string.IsNullOrWhiteSpace(Level))
        {
            Fail("level", "必须选择申报层级。", "level is required.");
        }
        else if (!Enum.TryParse<TitleLevel>(Level, ignoreCase: false, out var level) || !Enum.IsDefined(level) || int.TryParse(Level, out _))
        {
            Fail("level", $"申报层级“{Level}”无效，可选：{string.Join("、", Enum.GetNames<TitleLevel>())}。",
                $"Unknown level '{Level}'; use one of {string.Join(", ", Enum.GetNames<TitleLevel>())}.");
        }

        return errors;

        void Required(string field, string? value, string chinese, string english, int maxLength)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Fail(field, $"必须填写{chinese}。", $"{english} is required.");
            }
            else if (value.Length > maxLength)
            {
                Fail(field, $"{chinese}不能超过{maxLength}个字符。", $"{english} must be at most {maxLength} characters.");
            }
        }
    }

    /// <summary>Computed from <see cref="Level"/> after validation: never part of the request the portal sends.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public TitleLevel ParsedLevel => Enum.Parse<TitleLevel>(Level!);
}
