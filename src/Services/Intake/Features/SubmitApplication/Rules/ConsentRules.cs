using TitleReview.Contracts.Applications;
using TitleReview.Domain.WorkingDays;

namespace TitleReview.Intake.Features.SubmitApplication.Rules;

/// <summary>
/// 四(一) and 填报须知 二(十三): the unit's publicity lasts at least 5 working days (official calendar), its proof is
/// issued after — not on — the end date, the assessment result is 优秀/合格/不合格, consent and signed pledge uploaded.
/// </summary>
public sealed class UnitPublicity : ISubmissionRule
{
    public const int MinimumWorkingDays = 5;

    public string Code => "unit-publicity";
    public string Clause => "四(一)";

    public IEnumerable<Violation> Check(SubmissionFacts facts)
    {
        if (facts.Dossier?.UnitConsent is not { } consent)
        {
            yield break;
        }

        if (consent.PublicityStart is not { } start || consent.PublicityEnd is not { } end || end < start)
        {
            yield return new(Code, Clause, "dossier.unitConsent.publicityEnd", "须填写单位公示的起止日期，且结束不早于开始。", "The unit's publicity needs a start and an end date.");
        }
        else
        {
            var (days, missingYear) = CountWorkingDays(facts, start, end);
            if (missingYear is { } year)
            {
                // Not the applicant's fault and not a short publicity: say plainly that the check waits for the calendar.
                yield return new(Code, Clause, "dossier.unitConsent.publicityStart",
                    $"{year}年工作日安排尚未导入，暂时无法核对单位公示是否满{MinimumWorkingDays}个工作日；请待导入后再提交。",
                    $"The working-day calendar for {year} has not been loaded, so the unit's {MinimumWorkingDays}-working-day publicity cannot be checked yet; submit again once it is loaded.");
            }

            if (days < MinimumWorkingDays)
            {
                yield return new(Code, Clause, "dossier.unitConsent.publicityEnd", $"单位公示时间不少于{MinimumWorkingDays}个工作日，{start:yyyy年M月d日}至{end:yyyy年M月d日}仅{days}个工作日（通知 {Clause}）。",
                    $"The unit's publicity must last at least {MinimumWorkingDays} working days; {start:yyyy-MM-dd} to {end:yyyy-MM-dd} has {days}.");
            }

            if (consent.ProofIssuedOn is not { } issued || issued <= end)
            {
                yield return new(Code, Clause, "dossier.unitConsent.proofIssuedOn", $"公示证明须在公示结束（{end:yyyy年M月d日}）且无异议后出具，不可在结束当日或之前出具（通知 {Clause}）。",
                    $"The unit's proof must be issued after the publicity ended on {end:yyyy-MM-dd}, not on that day.");
            }
            else if (issued > facts.Today)
            {
                yield return new(Code, Clause, "dossier.unitConsent.proofIssuedOn", "公示证明的出具日期不能晚于申报当日。", "The proof cannot be dated after the application date.");
            }
        }

        if (consent.AssessmentResult is null || !Vocabulary.AssessmentResult.Contains(consent.AssessmentResult))
        {
            yield return new(Code, "填报须知 二(十三)2", "dossier.unitConsent.assessmentResult", "单位同意证明中的考核结果须为优秀、合格或不合格，不要留空。",
                "The consent's assessment result must be 优秀, 合格 or 不合格.");
        }

        if (consent.ConsentDocumentId is null || consent.PledgeDocumentId is null)
        {
            yield return new(Code, "填报须知 二(十三)", "dossier.unitConsent", "须上传《单位同意申报证明》及本人亲笔签名的《个人承诺书》。", "The unit's consent and the signed pledge are required.");
        }
    }

    private static (int? Days, int? MissingYear) CountWorkingDays(SubmissionFacts facts, DateOnly start, DateOnly end)
    {
        try
        {
            return (facts.WorkingDays.Count(start, end), null);
        }
        catch (CalendarYearNotLoadedException missing)
        {
            return (null, missing.Year);
        }
    }
}

/// <summary>填报须知 二(十二): each annual assessment is 优秀, 合格 or 不合格, one per year.</summary>
public sealed class AnnualAssessments : ISubmissionRule
{
    public string Code => "annual-assessments";
    public string Clause => "填报须知 二(十二)";

    public IEnumerable<Violation> Check(SubmissionFacts facts)
    {
        var assessments = facts.Dossier?.Assessments ?? [];
        foreach (var (assessment, i) in assessments.Select((a, i) => (a, i)))
        {
            if (assessment.Result is null || !Vocabulary.AssessmentResult.Contains(assessment.Result))
            {
                yield return new(Code, Clause, $"dossier.assessments[{i}].result", $"{assessment.Year}年度考核结果须为优秀、合格或不合格。", "An annual assessment is 优秀, 合格 or 不合格.");
            }
        }

        foreach (var year in assessments.GroupBy(a => a.Year).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            yield return new(Code, Clause, "dossier.assessments", $"{year}年度考核填写了多次。", $"The {year} assessment is listed more than once.");
        }
    }
}

/// <summary>
/// 评审填报须知 一2: each attachment the application names exists, was uploaded by the same portal client, and is of
/// the kind its field takes (photo JPG; summaries, reports, papers DOC/DOCX; other evidence PDF), judged by content.
/// </summary>
public sealed class AttachmentsByContent : ISubmissionRule
{
    public string Code => "attachment-kinds";
    public string Clause => "填报须知 一2";

    public IEnumerable<Violation> Check(SubmissionFacts facts)
    {
        if (facts.Dossier is not { } dossier)
        {
            yield break;
        }

        foreach (var (field, _, id, kinds) in DossierFacts.Attachments(dossier))
        {
            if (facts.Attachments?.GetValueOrDefault(id) is not { } stored || stored.UploadedBy != facts.Submitter)
            {
                yield return new(Code, Clause, field, $"附件 {id} 不存在，请先通过 POST /api/attachments 上传。", $"Attachment {id} does not exist; upload it first.");
            }
            else if (!kinds.Contains(stored.Kind))
            {
                yield return new(Code, Clause, field, $"此处须上传{string.Join("或", kinds.Select(k => k.ToString().ToUpperInvariant()))}，该附件的内容是{TitleReview.Intake.Features.Attachments.AttachmentKinds.Chinese(stored.Kind)}。",
                    $"This field takes {string.Join(" or ", kinds)}; the attachment is {stored.Kind}.");
            }
        }
    }
}
