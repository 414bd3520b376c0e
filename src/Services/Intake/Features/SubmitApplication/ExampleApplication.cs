using TitleReview.Contracts.Applications;
using TitleReview.Domain.Cycles;

namespace TitleReview.Intake.Features.SubmitApplication;

/// <summary>The attachments an example application names: upload each with POST /api/attachments first.</summary>
public sealed record ExampleAttachments(Guid Photo, Guid Evidence, Guid WorkSummary, Guid Report, Guid Paper)
{
    /// <summary>Placeholders for the API documentation; a real submission names the ids the uploads returned.</summary>
    public static ExampleAttachments Placeholders { get; } = new(
        Guid.Parse("0190a000-0000-7000-8000-000000000001"), Guid.Parse("0190a000-0000-7000-8000-000000000002"),
        Guid.Parse("0190a000-0000-7000-8000-000000000003"), Guid.Parse("0190a000-0000-7000-8000-000000000004"),
        Guid.Parse("0190a000-0000-7000-8000-000000000005"));
}

/// <summary>
/// A complete 工程师 application for the 2023 Xishan cycle that passes every rule when submitted on
/// <c>today</c> (the work history ends on the application date): shown in the API documentation, and the tests'
/// starting point for breaking one rule at a time.
/// </summary>
public static class ExampleApplication
{
    public const string PerformanceItemId = "P1";
    public const string PerformanceTitle = "数控机床主轴箱改进设计";

    public static SubmitApplicationRequest Create(DateOnly today, ExampleAttachments files, string idNumber = "32020219850615001X", string name = "张工") => new(
        SubmitApplicationRequest.CurrentSchemaVersion,
        ReviewCycleCatalogue.Xishan2023,
        name,
        idNumber,
        "无锡某机械有限公司",
        "工程技术",
        "机械工程",
        "Engineer",
        null,
        new Dossier(
            Basic: new BasicInformation("男", new DateOnly(2014, 7, 1), "0510-88000000", files.Photo, "Mainland", null,
                new DistrictTies(EmployedHere: true, InsuredHere: true, PersonnelFileHere: false, FreelanceHere: false),
                CivilServant: false, Retired: false, SanctionEndsOn: null, Route: "Standard", RouteReason: null),
            Education: [new EducationRecord("Bachelor", "江南大学", "机械工程", new DateOnly(2014, 6, 30), "Chsi", null, false, null)],
            Qualifications: new Qualifications(
                new CurrentTitle("AssistantEngineer", "助理工程师（机械工程）", new DateOnly(2017, 12, 20), OutOfProvince: false, VerifiableOnline: true, SupportingDocumentId: null),
                [new IndustryQualification("二级建造师（机电工程）", "苏232171800000", new DateOnly(2018, 9, 1), files.Evidence)]),
            ContinuingEducation: [.. Enumerable.Range(2020, 3).Select(year => new ContinuingEducationYear(year, 90, files.Evidence))],
            Awards: [new Award("无锡市锡山区科技进步奖三等奖", new DateOnly(2021, 11, 8), InApplicantsName: true, files.Evidence, null)],
            WorkHistory: [new WorkPeriod(new DateOnly(2014, 7, 1), today, "无锡某机械有限公司", "机械设计与制造工艺")],
            Patents: [new Patent("一种主轴箱散热结构", "UtilityModel", "ZL202020000000.0", InApplicantsName: true, files.Evidence, null, new DateOnly(2021, 1, 5))],
            Exceptional: null,
            WorkSummary: new WorkSummary(files.WorkSummary),
            Performance: [new PerformanceItem(PerformanceItemId, PerformanceTitle, new DateOnly(2019, 3, 1), new DateOnly(2021, 12, 31), "项目技术负责人", files.Evidence, "王核实", new DateOnly(2023, 4, 10))],
            AcademicOutputs:
            [
                new AcademicOutput($"《关于{PerformanceTitle}的技术总结报告》", "TechnicalSummaryReport", PerformanceItemId, "zh", null, Published: false, new DateOnly(2023, 3, 1), null, null, files.Report, null),
                new AcademicOutput("精密主轴热变形的有限元分析", "Paper", null, "zh", null, Published: true, new DateOnly(2022, 5, 1), new DateOnly(2022, 8, 15), "机械设计与制造", files.Paper, files.Evidence),
            ],
            Assessments: [new AnnualAssessment(2020, "合格"), new AnnualAssessment(2021, "优秀"), new AnnualAssessment(2022, "合格")],
            UnitConsent: new UnitConsent(new DateOnly(2023, 5, 15), new DateOnly(2023, 5, 19), new DateOnly(2023, 5, 22), "合格", files.Evidence, files.Evidence)));
}
