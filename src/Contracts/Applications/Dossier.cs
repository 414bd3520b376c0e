namespace TitleReview.Contracts.Applications;

// Schema version 2 of the portal's application: the notice's 13 modules (评审填报须知 二), in its order. Every value
// is nullable and every choice a string so that a missing or unknown one is reported by its field path together
// with every other problem, never as a bare JSON error. Attachments are referenced by the id POST /api/attachments
// returned; the ledger carries those ids and hashes, never the bytes.

/// <summary>The whole application beside the declaration (name, 身份证, employer, series, specialty, level, cycle).</summary>
public sealed record Dossier(
    BasicInformation? Basic,
    IReadOnlyList<EducationRecord>? Education,
    Qualifications? Qualifications,
    IReadOnlyList<ContinuingEducationYear>? ContinuingEducation,
    IReadOnlyList<Award>? Awards,
    IReadOnlyList<WorkPeriod>? WorkHistory,
    IReadOnlyList<Patent>? Patents,
    ExceptionalCase? Exceptional,
    WorkSummary? WorkSummary,
    IReadOnlyList<PerformanceItem>? Performance,
    IReadOnlyList<AcademicOutput>? AcademicOutputs,
    IReadOnlyList<AnnualAssessment>? Assessments,
    UnitConsent? UnitConsent);

/// <summary>(一) 基本信息, with who may apply (一) and by which route (三(一)、三(二)).</summary>
public sealed record BasicInformation(
    string? Gender,
    DateOnly? WorkStartedOn,
    string? Phone,
    Guid? PhotoId,
    string? Residency,
    string? ForeignPermit,
    DistrictTies? DistrictTies,
    bool? CivilServant,
    bool? Retired,
    DateOnly? SanctionEndsOn,
    string? Route,
    string? RouteReason);

/// <summary>一(一): employed here, insured here, personnel file held here, or working here as a freelancer.</summary>
public sealed record DistrictTies(bool EmployedHere, bool InsuredHere, bool PersonnelFileHere, bool FreelanceHere);

/// <summary>(二) 学历情况 with its evidence kind (四(二)).</summary>
public sealed record EducationRecord(
    string? Level,
    string? School,
    string? Major,
    DateOnly? GraduatedOn,
    string? Evidence,
    string? TechnicalSchoolClass,
    bool EngineeringProfessionalMaster,
    Guid? EvidenceId);

/// <summary>(三) 专业技术资格: the title held now (三(四) for one from another province) and industry/vocational qualifications.</summary>
public sealed record Qualifications(CurrentTitle? CurrentTitle, IReadOnlyList<IndustryQualification>? Industry);

public sealed record CurrentTitle(string? Level, string? Name, DateOnly? ObtainedOn, bool OutOfProvince, bool VerifiableOnline, Guid? SupportingDocumentId);

public sealed record IndustryQualification(string? Name, string? Number, DateOnly? ObtainedOn, Guid? CertificateId);

/// <summary>(四) 继续教育情况: hours per year with the platform's certificate.</summary>
public sealed record ContinuingEducationYear(int Year, decimal Hours, Guid? CertificateId);

/// <summary>(五) 奖励情况: in the applicant's name, or backed by the unit's statement.</summary>
public sealed record Award(string? Name, DateOnly? AwardedOn, bool InApplicantsName, Guid? CertificateId, Guid? UnitStatementId);

/// <summary>(六) 工作经历: from the first job to the application date, no overlaps, 待业 stated as such.</summary>
public sealed record WorkPeriod(DateOnly? From, DateOnly? To, string? Employer, string? MainTechnicalWork);

/// <summary>
/// (七) 发明专利: the certificate, or the official registry's screenshot and address; <see cref="GrantedOn"/> (授权公告日, on
/// the certificate) is what the achievements cut-off (三(五)) is checked against.
/// </summary>
public sealed record Patent(string? Title, string? Kind, string? Number, bool InApplicantsName, Guid? CertificateId, string? RegistryUrl, DateOnly? GrantedOn = null);

/// <summary>(八) 破格申报材料: only for those who meet the exceptional conditions instead of education or seniority.</summary>
public sealed record ExceptionalCase(string? Reason, IReadOnlyList<Guid>? AttachmentIds);

/// <summary>(九) 工作总结 (DOC/DOCX).</summary>
public sealed record WorkSummary(Guid? DocumentId);

/// <summary>(十) 工作业绩: each item with its evidence (PDF), verified by someone other than the applicant, dated.</summary>
public sealed record PerformanceItem(string? Id, string? Title, DateOnly? From, DateOnly? To, string? Role, Guid? EvidenceId, string? VerifiedBy, DateOnly? VerifiedOn);

/// <summary>(十一) 学术成果 (四(三)).</summary>
public sealed record AcademicOutput(
    string? Title,
    string? Kind,
    string? PerformanceItemId,
    string? Language,
    Guid? TranslationId,
    bool Published,
    DateOnly? WrittenOn,
    DateOnly? PublishedOn,
    string? Journal,
    Guid? DocumentId,
    Guid? PublicationScanId);

/// <summary>(十二) 年度考核.</summary>
public sealed record AnnualAssessment(int Year, string? Result);

/// <summary>(十三) 单位同意证明 and the signed 个人承诺书, after the unit's own publicity (四(一)).</summary>
public sealed record UnitConsent(
    DateOnly? PublicityStart,
    DateOnly? PublicityEnd,
    DateOnly? ProofIssuedOn,
    string? AssessmentResult,
    Guid? ConsentDocumentId,
    Guid? PledgeDocumentId);

/// <summary>An attachment as the ledger knows it: which one, what its content is, its SHA-256, and where it belongs.</summary>
public sealed record AttachmentReference(Guid Id, string Kind, string Sha256, long Length, string Module, string Field);

/// <summary>
/// A check that needs a human eye (design.md, Rules), stored with the application for the reviewer and pre-filled by
/// what Intake could check: <see cref="Prefilled"/> says what the machine found, the reviewer decides.
/// </summary>
public sealed record ChecklistItem(string Code, string Clause, string Module, string Zh, string Prefilled);
