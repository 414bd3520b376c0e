using System.Text.RegularExpressions;
using TitleReview.Contracts;
using TitleReview.Contracts.Applications;

namespace TitleReview.Intake.Features.SubmitApplication.Rules;

/// <summary>
/// 四(三) and 填报须知 二(十一): 中级 two outputs with at least one 技术总结报告, 初级 one 技术总结报告; a report tied to one
/// performance item and titled 《关于…的技术总结报告》; the excluded kinds; foreign language with a Chinese translation;
/// an editable document for each, the journal's scan for a published one.
/// </summary>
public sealed partial class AcademicOutputs : ISubmissionRule
{
    public string Code => "academic-outputs";
    public string Clause => "四(三)";

    [GeneratedRegex("^《关于.+的技术总结报告》$")]
    private static partial Regex ReportTitle();

    /// <summary>A title as compared between outputs: full-width folded, without spaces and book-title marks.</summary>
    private static string TitleKey(string? title) =>
        string.Concat((title ?? "").Normalize(System.Text.NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c) && c is not ('《' or '》')));

    public IEnumerable<Violation> Check(SubmissionFacts facts)
    {
        if (facts.Dossier is not { } dossier)
        {
            yield break;
        }

        var outputs = dossier.AcademicOutputs ?? [];
        var reports = outputs.Count(o => o.Kind == Vocabulary.TechnicalSummaryReport);
        var (expected, zh) = facts.Level == TitleLevel.Engineer
            ? (2, "申报中级须提交2篇成果，其中至少1篇技术总结报告")
            : (1, "申报初级只提交1篇技术总结报告");
        if (outputs.Count != expected || reports < 1)
        {
            yield return new(Code, Clause, "dossier.academicOutputs", $"{zh}，现为{outputs.Count}篇（其中技术总结报告{reports}篇）（通知 {Clause}）。",
                $"{facts.Level} needs exactly {expected} output(s) with at least one technical summary report; has {outputs.Count} ({reports} reports).");
        }

        var performance = (dossier.Performance ?? []).Where(p => p.Id is not null).ToDictionary(p => p.Id!, StringComparer.Ordinal);
        var documents = new HashSet<string>(StringComparer.Ordinal);
        var titles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (output, i) in outputs.Select((o, i) => (o, i)))
        {
            var at = $"dossier.academicOutputs[{i}]";

            // 2篇成果 are two outputs: the same document (by id or by content) or the same title named twice is one.
            if (output.DocumentId is { } document && !documents.Add(facts.Attachments?.GetValueOrDefault(document)?.Sha256 ?? document.ToString()))
            {
                yield return new(Code, Clause, $"{at}.documentId", $"第{i + 1}篇成果与前面的成果是同一文档，须提交不同的成果（通知 {Clause}）。",
                    "This output's document is one already submitted as another output; the outputs must be different documents.");
            }

            if (TitleKey(output.Title) is { Length: > 0 } title && !titles.Add(title))
            {
                yield return new(Code, Clause, $"{at}.title", $"第{i + 1}篇成果与前面的成果题目相同，须提交不同的成果（通知 {Clause}）。",
                    "This output has the title of another output; the outputs must be different.");
            }
            if (output.Kind is { } kind && Vocabulary.ExcludedOutputKind.TryGetValue(kind, out var excluded))
            {
                yield return new(Code, Clause, $"{at}.kind", $"{excluded}不可作为论文申报（通知 {Clause}）。", $"A {kind} cannot be submitted as an academic output.");
            }

            if (output.Kind == Vocabulary.TechnicalSummaryReport)
            {
                if (output.PerformanceItemId is null || !performance.TryGetValue(output.PerformanceItemId, out var item))
                {
                    yield return new(Code, Clause, $"{at}.performanceItemId", "技术总结报告须对应“工作业绩”模块中的某一项业绩。",
                        "A technical summary report must name one of the performance items.");
                }
                else if (output.Title is null || !ReportTitle().IsMatch(output.Title.Trim()) || !output.Title.Contains(item.Title ?? "\u0000", StringComparison.Ordinal))
                {
                    yield return new(Code, Clause, $"{at}.title", $"技术总结报告须命名为《关于{item.Title}的技术总结报告》。",
                        $"The report must be titled 《关于{item.Title}的技术总结报告》.");
                }
            }

            if (output.Language is { } language && language != Vocabulary.Chinese && output.TranslationId is null)
            {
                yield return new(Code, Clause, $"{at}.translationId", "以外文撰写或发表的成果，须同时提供中文译稿。", "An output in a foreign language needs a Chinese translation.");
            }

            if (output.DocumentId is null)
            {
                yield return new(Code, "填报须知 二(十一)", $"{at}.documentId", "须上传成果的可编辑文档（DOC/DOCX），不得以图片格式上传。", "The output's editable document (DOC/DOCX) is required.");
            }

            if (output.Published && (output.PublicationScanId is null || string.IsNullOrWhiteSpace(output.Journal)))
            {
                yield return new(Code, "填报须知 二(十一)", $"{at}.publicationScanId", "已发表的成果须填写刊物信息，并上传封面、目录、正文的 PDF 扫描件。",
                    "A published output needs the journal and a PDF scan of cover, contents and text.");
            }

            if (!output.Published && output.WrittenOn is null)
            {
                yield return new(Code, "填报须知 二(十一)", $"{at}.writtenOn", "未发表的成果须注明撰写日期。", "An unpublished output needs the date it was written.");
            }
        }
    }
}

/// <summary>
/// 四(四): 2022年评审未通过、原封不动提交去年材料的不予受理 — refused when every academic output is byte-for-byte one the
/// same person submitted in an application refused in the previous cycle.
/// </summary>
public sealed class IdenticalToRefused : ISubmissionRule
{
    public string Code => "identical-to-refused";
    public string Clause => "四(四)";

    public IEnumerable<Violation> Check(SubmissionFacts facts)
    {
        if (facts.RefusedLastCycleHashes is not { Count: > 0 } refused || facts.Dossier?.AcademicOutputs is not { Count: > 0 } outputs || facts.Attachments is null)
        {
            yield break;
        }

        var hashes = outputs.Select(o => o.DocumentId is { } id && facts.Attachments.TryGetValue(id, out var a) ? a.Sha256 : null).ToList();
        if (hashes.All(h => h is not null && refused.Contains(h)))
        {
            yield return new(Code, Clause, "dossier.academicOutputs", "学术成果与去年评审未通过时提交的材料完全相同，原封不动提交去年材料的不予受理（通知 四(四)）。",
                "The academic outputs are identical to those of last cycle's refused application (notice 四(四)).");
        }
    }
}
