using TitleReview.Contracts;
using TitleReview.Contracts.Applications;
using TitleReview.Intake.Features.Attachments;

namespace TitleReview.Intake.Features.SubmitApplication.Rules;

/// <summary>What several rules derive from a dossier: the education that counts, full years between dates, attachments by field.</summary>
public static class DossierFacts
{
    private static readonly string[] EducationRank = ["Secondary", "College", "Bachelor", "SecondBachelor", "Master", "Doctorate"];

    /// <summary>四(二): a technical school's class counts as the education it is equivalent to.</summary>
    public static string? CountedLevel(EducationRecord education) =>
        education.Evidence == "TechnicalSchool" && education.TechnicalSchoolClass is { } schoolClass
            ? Vocabulary.TechnicalSchoolEquivalent.GetValueOrDefault(schoolClass)
            : education.Level;

    /// <summary>The highest education the applicant holds, by what it counts as.</summary>
    public static EducationRecord? Highest(Dossier dossier) =>
        (dossier.Education ?? []).Where(e => CountedLevel(e) is { } level && EducationRank.Contains(level))
            .MaxBy(e => Array.IndexOf(EducationRank, CountedLevel(e)));

    public static int FullYears(DateOnly from, DateOnly to)
    {
        var years = to.Year - from.Year;
        return from.AddYears(years) > to ? years - 1 : years;
    }

    public static TitleLevel? HeldTitle(Dossier dossier) =>
        Enum.TryParse<TitleLevel>(dossier.Qualifications?.CurrentTitle?.Level, out var held) && Enum.IsDefined(held) ? held : null;

    /// <summary>Every attachment the dossier names, with its field path, module and the kinds that field accepts.</summary>
    public static IEnumerable<(string Field, string Module, Guid Id, AttachmentKind[] Kinds)> Attachments(Dossier dossier)
    {
        AttachmentKind[] pdf = [AttachmentKind.Pdf];
        AttachmentKind[] word = [AttachmentKind.Doc, AttachmentKind.Docx];
        if (dossier.Basic?.PhotoId is { } photo)
        {
            yield return ("dossier.basic.photoId", ApplicationModules.Basic, photo, [AttachmentKind.Jpeg]);
        }

        foreach (var (education, i) in (dossier.Education ?? []).Select((e, i) => (e, i)))
        {
            if (education.EvidenceId is { } id)
            {
                yield return ($"dossier.education[{i}].evidenceId", ApplicationModules.Education, id, pdf);
            }
        }

        if (dossier.Qualifications?.CurrentTitle?.SupportingDocumentId is { } supporting)
        {
            yield return ("dossier.qualifications.currentTitle.supportingDocumentId", ApplicationModules.Qualifications, supporting, pdf);
        }

        foreach (var (qualification, i) in (dossier.Qualifications?.Industry ?? []).Select((q, i) => (q, i)))
        {
            if (qualification.CertificateId is { } id)
            {
                yield return ($"dossier.qualifications.industry[{i}].certificateId", ApplicationModules.Qualifications, id, pdf);
            }
        }

        foreach (var (year, i) in (dossier.ContinuingEducation ?? []).Select((y, i) => (y, i)))
        {
            if (year.CertificateId is { } id)
            {
                yield return ($"dossier.continuingEducation[{i}].certificateId", ApplicationModules.ContinuingEducation, id, pdf);
            }
        }

        foreach (var (award, i) in (dossier.Awards ?? []).Select((a, i) => (a, i)))
        {
            foreach (var (id, field) in new[] { (award.CertificateId, "certificateId"), (award.UnitStatementId, "unitStatementId") })
            {
                if (id is { } found)
                {
                    yield return ($"dossier.awards[{i}].{field}", ApplicationModules.Awards, found, pdf);
                }
            }
        }

        foreach (var (patent, i) in (dossier.Patents ?? []).Select((p, i) => (p, i)))
        {
            if (patent.CertificateId is { } id)
            {
                yield return ($"dossier.patents[{i}].certificateId", ApplicationModules.Patents, id, pdf);
            }
        }

        foreach (var (id, i) in (dossier.Exceptional?.AttachmentIds ?? []).Select((a, i) => (a, i)))
        {
            yield return ($"dossier.exceptional.attachmentIds[{i}]", ApplicationModules.Exceptional, id, pdf);
        }

        if (dossier.WorkSummary?.DocumentId is { } summary)
        {
            yield return ("dossier.workSummary.documentId", ApplicationModules.WorkSummary, summary, word);
        }

        foreach (var (item, i) in (dossier.Performance ?? []).Select((p, i) => (p, i)))
        {
            if (item.EvidenceId is { } id)
            {
                yield return ($"dossier.performance[{i}].evidenceId", ApplicationModules.Performance, id, pdf);
            }
        }

        foreach (var (output, i) in (dossier.AcademicOutputs ?? []).Select((o, i) => (o, i)))
        {
            foreach (var (id, field, kinds) in new[] { (output.DocumentId, "documentId", word), (output.TranslationId, "translationId", word), (output.PublicationScanId, "publicationScanId", pdf) })
            {
                if (id is { } found)
                {
                    yield return ($"dossier.academicOutputs[{i}].{field}", ApplicationModules.AcademicOutputs, found, kinds);
                }
            }
        }

        foreach (var (id, field) in new[] { (dossier.UnitConsent?.ConsentDocumentId, "consentDocumentId"), (dossier.UnitConsent?.PledgeDocumentId, "pledgeDocumentId") })
        {
            if (id is { } found)
            {
                yield return ($"dossier.unitConsent.{field}", ApplicationModules.UnitConsent, found, pdf);
            }
        }
    }
}
