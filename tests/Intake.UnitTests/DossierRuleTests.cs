using TitleReview.Contracts.Applications;
using TitleReview.Domain.Cycles;
using TitleReview.Intake.Features.Attachments;
using TitleReview.Intake.Features.SubmitApplication;
using TitleReview.Intake.Features.SubmitApplication.Rules;

namespace TitleReview.Intake.UnitTests;

/// <summary>
/// Every rule of a complete application, run by the real rules engine: the example passes all of them, and each
/// test breaks one thing and names the rule, clause and field that refuse it (the HTTP tests show the same engine
/// answering 422 over the wire).
/// </summary>
public sealed class DossierRuleTests
{
    private static readonly DateOnly Today = new(2023, 6, 1);
    private static readonly ExampleAttachments Files = ExampleAttachments.Placeholders;
    private static readonly SubmitApplicationRequest Example = ExampleApplication.Create(Today, Files);

    private static SubmissionFacts Facts(SubmitApplicationRequest request, IReadOnlySet<string>? refused = null)
    {
        var stored = new Dictionary<Guid, StoredAttachment>
        {
            [Files.Photo] = Stored(Files.Photo, AttachmentKind.Jpeg),
            [Files.Evidence] = Stored(Files.Evidence, AttachmentKind.Pdf),
            [Files.WorkSummary] = Stored(Files.WorkSummary, AttachmentKind.Docx),
            [Files.Report] = Stored(Files.Report, AttachmentKind.Docx),
            [Files.Paper] = Stored(Files.Paper, AttachmentKind.Doc),
        };
        return new SubmissionFacts(request, ReviewCycleCatalogue.Shipped.Get(ReviewCycleCatalogue.Xishan2023), Today, null, null, stored, "portal", RefusedLastCycleHashes: refused);
    }

    private static StoredAttachment Stored(Guid id, AttachmentKind kind) => new(id, "portal", kind, $"{id:N}{id:N}", 100, "f", DateTimeOffset.UnixEpoch);

    private static IReadOnlyList<Violation> Check(SubmitApplicationRequest request, IReadOnlySet<string>? refused = null) => SubmissionRules.Check(Facts(request, refused));

    private static SubmitApplicationRequest With(Func<Dossier, Dossier> change) => Example with { Dossier = change(Example.Dossier!) };

    private static Violation Refused(SubmitApplicationRequest request, string rule, string clause, string field)
    {
        var violations = Check(request);
        var hit = Assert.Single(violations, v => v.Rule == rule && v.Field == field);
        Assert.Equal(clause, hit.Clause);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", hit.Zh);
        Assert.All(violations, v => Assert.Equal(rule, v.Rule));
        return hit;
    }

    private static void Accepted(SubmitApplicationRequest request) => Assert.Empty(Check(request));

    [Fact]
    public void The_example_application_passes_every_rule_and_its_shape_is_complete()
    {
        Assert.Empty(Example.Validate());
        Assert.Empty(Check(Example));
        Assert.Equal(20, SubmissionRules.All.Count);
        Assert.All(SubmissionRules.All, rule => Assert.False(string.IsNullOrWhiteSpace(rule.Clause)));
    }

    [Fact]
    public void Civil_servants_retirees_and_sanctions_in_force_are_refused_and_an_ended_sanction_is_not()
    {
        Refused(With(d => d with { Basic = d.Basic! with { CivilServant = true } }), "eligibility", "一(三)", "dossier.basic.civilServant");
        Refused(With(d => d with { Basic = d.Basic! with { Retired = true } }), "eligibility", "一(三)", "dossier.basic.retired");
        Refused(With(d => d with { Basic = d.Basic! with { SanctionEndsOn = Today } }), "eligibility", "一(三)", "dossier.basic.sanctionEndsOn");
        Accepted(With(d => d with { Basic = d.Basic! with { SanctionEndsOn = Today.AddDays(-1) } }));
    }

    [Fact]
    public void Only_people_tied_to_the_district_and_foreigners_with_a_listed_permit_may_apply()
    {
        Refused(With(d => d with { Basic = d.Basic! with { DistrictTies = new(false, false, false, false) } }), "eligibility", "一(一)", "dossier.basic.districtTies");
        Accepted(With(d => d with { Basic = d.Basic! with { DistrictTies = new(false, false, PersonnelFileHere: true, false) } }));
        Refused(With(d => d with { Basic = d.Basic! with { Residency = "HongKongMacauTaiwan", DistrictTies = new(false, true, false, false) } }), "eligibility", "一(二)", "dossier.basic.districtTies.employedHere");
        Accepted(With(d => d with { Basic = d.Basic! with { Residency = "HongKongMacauTaiwan" } }));
        Refused(With(d => d with { Basic = d.Basic! with { Residency = "Foreign", ForeignPermit = null } }), "eligibility", "一(二)", "dossier.basic.foreignPermit");
        Accepted(With(d => d with { Basic = d.Basic! with { Residency = "Foreign", ForeignPermit = "WorkPermit" } }));
    }

    [Fact]
    public void Achievements_papers_and_degrees_after_the_cutoff_do_not_count()
    {
        var late = new DateOnly(2023, 4, 1);
        Refused(With(d => d with { AcademicOutputs = [d.AcademicOutputs![0] with { WrittenOn = late }, d.AcademicOutputs[1]] }), "achievements-cutoff", "三(五)", "dossier.academicOutputs[0].writtenOn");
        Refused(With(d => d with { Awards = [d.Awards![0] with { AwardedOn = late }] }), "achievements-cutoff", "三(五)", "dossier.awards[0].awardedOn");
        Accepted(With(d => d with { AcademicOutputs = [d.AcademicOutputs![0] with { WrittenOn = new DateOnly(2023, 3, 31) }, d.AcademicOutputs[1]] }));
    }

    [Fact]
    public void Seniority_follows_the_national_standard_to_the_cutoff()
    {
        // 本科 + 助理工程师 4 years (人社部发〔2019〕16号), counted to 2022-12-31.
        Refused(With(d => d with { Qualifications = d.Qualifications! with { CurrentTitle = d.Qualifications.CurrentTitle! with { ObtainedOn = new DateOnly(2019, 1, 1) } } }),
            "seniority", "三(一)(二)(五)", "dossier.qualifications.currentTitle.obtainedOn");
        Accepted(With(d => d with { Qualifications = d.Qualifications! with { CurrentTitle = d.Qualifications.CurrentTitle! with { ObtainedOn = new DateOnly(2018, 12, 31) } } }));

        // Level by level: no 助理工程师 yet.
        Refused(With(d => d with { Qualifications = d.Qualifications! with { CurrentTitle = new CurrentTitle("None", null, null, false, false, null) } }),
            "seniority", "三(一)(二)(五)", "dossier.qualifications.currentTitle");

        // 博士 applies for 工程师 directly.
        Accepted(With(d => d with
        {
            Education = [d.Education![0] with { Level = "Doctorate", GraduatedOn = new DateOnly(2022, 6, 30) }],
            Qualifications = d.Qualifications! with { CurrentTitle = new CurrentTitle("None", null, null, false, false, null) },
        }));

        // 中专 cannot apply for 工程师 at all; for 助理工程师 it needs 技术员 + 2 years.
        Refused(With(d => d with { Education = [d.Education![0] with { Level = "Secondary" }] }), "seniority", "三(一)(二)(五)", "dossier.education");
    }

    [Fact]
    public void Initial_levels_count_years_since_graduation_or_since_the_technician_title()
    {
        var assistant = Example with { Level = "AssistantEngineer" };
        SubmitApplicationRequest Initial(string education, DateOnly graduated, CurrentTitle? title = null, string level = "AssistantEngineer") => assistant with
        {
            Level = level,
            Dossier = assistant.Dossier! with
            {
                Education = [assistant.Dossier.Education![0] with { Level = education, GraduatedOn = graduated }],
                Qualifications = assistant.Dossier.Qualifications! with { CurrentTitle = title ?? new CurrentTitle("None", null, null, false, false, null) },
                AcademicOutputs = [assistant.Dossier.AcademicOutputs![0]],
            },
        };
        CurrentTitle Technician(DateOnly obtained) => new("Technician", "技术员", obtained, false, true, null);

        // 本科: 助理工程师 after 1 year since graduation, to 2022-12-31.
        Accepted(Initial("Bachelor", new DateOnly(2021, 12, 31)));
        Refused(Initial("Bachelor", new DateOnly(2022, 1, 1)), "seniority", "三(一)(二)(五)", "dossier.education");

        // 硕士 and 第二学士学位: 助理工程师 directly.
        Accepted(Initial("Master", new DateOnly(2022, 6, 30)));
        Accepted(Initial("SecondBachelor", new DateOnly(2022, 6, 30)));

        // 大专: 技术员 first, then 2 years (人社部发〔2019〕16号), not 3 years since graduation.
        Refused(Initial("College", new DateOnly(2015, 6, 30)), "seniority", "三(一)(二)(五)", "dossier.qualifications.currentTitle");
        Accepted(Initial("College", new DateOnly(2015, 6, 30), Technician(new DateOnly(2020, 12, 31))));
        Refused(Initial("College", new DateOnly(2015, 6, 30), Technician(new DateOnly(2021, 1, 1))), "seniority", "三(一)(二)(五)", "dossier.qualifications.currentTitle.obtainedOn");

        // 中专: 技术员 first, then 4 years.
        Accepted(Initial("Secondary", new DateOnly(2012, 6, 30), Technician(new DateOnly(2018, 12, 31))));
        Refused(Initial("Secondary", new DateOnly(2012, 6, 30), Technician(new DateOnly(2019, 1, 1))), "seniority", "三(一)(二)(五)", "dossier.qualifications.currentTitle.obtainedOn");

        // 技术员: 本科 directly; 大专 and 中专 after 1 year.
        Accepted(Initial("Bachelor", new DateOnly(2022, 6, 30), level: "Technician"));
        Accepted(Initial("College", new DateOnly(2021, 12, 31), level: "Technician"));
        Refused(Initial("Secondary", new DateOnly(2022, 1, 1), level: "Technician"), "seniority", "三(一)(二)(五)", "dossier.education");
    }

    [Fact]
    public void A_second_bachelors_degree_applies_for_engineer_two_years_after_the_assistant_title()
    {
        SubmitApplicationRequest SecondBachelor(DateOnly obtained) => With(d => d with
        {
            Education = [d.Education![0] with { Level = "SecondBachelor" }],
            Qualifications = d.Qualifications! with { CurrentTitle = d.Qualifications.CurrentTitle! with { ObtainedOn = obtained } },
        });

        Accepted(SecondBachelor(new DateOnly(2020, 12, 31)));
        Refused(SecondBachelor(new DateOnly(2021, 1, 1)), "seniority", "三(一)(二)(五)", "dossier.qualifications.currentTitle.obtainedOn");
    }

    [Fact]
    public void An_engineering_professional_master_may_apply_one_year_early()
    {
        SubmitApplicationRequest Master(bool professional) => With(d => d with
        {
            Education = [d.Education![0] with { Level = "Master", EngineeringProfessionalMaster = professional }],
            Qualifications = d.Qualifications! with { CurrentTitle = d.Qualifications.CurrentTitle! with { ObtainedOn = new DateOnly(2021, 7, 1) } },
        });

        Refused(Master(professional: false), "seniority", "三(一)(二)(五)", "dossier.qualifications.currentTitle.obtainedOn");
        Accepted(Master(professional: true));
    }

    [Fact]
    public void Technical_school_classes_count_as_the_education_they_equal()
    {
        SubmitApplicationRequest School(string schoolClass) => With(d => d with { Education = [d.Education![0] with { Level = null, Evidence = "TechnicalSchool", TechnicalSchoolClass = schoolClass }] });

        Accepted(School("PreparatoryTechnician"));
        Refused(School("Intermediate"), "seniority", "三(一)(二)(五)", "dossier.education");
    }

    [Fact]
    public void Direct_application_private_enterprise_talent_and_exceptional_cases_take_their_own_route()
    {
        var noTitle = new CurrentTitle("None", null, null, false, false, null);
        Accepted(With(d => d with { Basic = d.Basic! with { Route = "Direct", RouteReason = "海外归国" }, Qualifications = d.Qualifications! with { CurrentTitle = noTitle } }));
        Accepted(With(d => d with { Exceptional = new ExceptionalCase("获省部级科技进步奖", [Files.Evidence]), Qualifications = d.Qualifications! with { CurrentTitle = noTitle } }));

        // 民营企业优秀青年人才: 本科 needs 1 + 4 = 5 years since graduation.
        SubmitApplicationRequest YoungTalent(DateOnly graduated) => With(d => d with
        {
            Basic = d.Basic! with { Route = "PrivateEnterpriseYoungTalent", RouteReason = "民营企业优秀青年人才" },
            Education = [d.Education![0] with { GraduatedOn = graduated }],
            Qualifications = d.Qualifications! with { CurrentTitle = noTitle },
            ContinuingEducation = d.ContinuingEducation,
        });
        Accepted(YoungTalent(new DateOnly(2017, 6, 30)));
        Refused(YoungTalent(new DateOnly(2018, 6, 30)), "seniority", "三(一)", "dossier.education");

        // 大专: the whole path, 技术员 1 + 助理工程师 2 + 工程师 4 = 7 years since graduation.
        SubmitApplicationRequest CollegeTalent(DateOnly graduated) => With(d => YoungTalent(graduated).Dossier! with { Education = [d.Education![0] with { Level = "College", GraduatedOn = graduated }] });
        Accepted(CollegeTalent(new DateOnly(2015, 12, 31)));
        Refused(CollegeTalent(new DateOnly(2016, 1, 1)), "seniority", "三(一)", "dossier.education");
    }

    [Fact]
    public void Continuing_education_needs_the_configured_hours_for_every_year()
    {
        Refused(With(d => d with { ContinuingEducation = [.. d.ContinuingEducation!.Where(c => c.Year != 2021)] }), "continuing-education", "三(三)", "dossier.continuingEducation[2021]");
        Refused(With(d => d with { ContinuingEducation = [.. d.ContinuingEducation!.Select(c => c.Year == 2022 ? c with { Hours = 89.5m } : c)] }), "continuing-education", "三(三)", "dossier.continuingEducation[2022]");

        // Years up to the one the title was obtained in are not asked for: a title of 2021 needs only 2022.
        Assert.DoesNotContain(Check(With(d => d with
        {
            ContinuingEducation = [.. d.ContinuingEducation!.Where(c => c.Year == 2022)],
            Qualifications = d.Qualifications! with { CurrentTitle = d.Qualifications.CurrentTitle! with { ObtainedOn = new DateOnly(2021, 3, 1) } },
            Education = [d.Education![0] with { Level = "Doctorate" }],
        })), v => v.Rule == "continuing-education");
    }

    [Fact]
    public void An_out_of_province_title_not_verifiable_online_needs_its_document()
    {
        var outside = new CurrentTitle("AssistantEngineer", "助理工程师", new DateOnly(2017, 12, 20), OutOfProvince: true, VerifiableOnline: false, null);
        Refused(With(d => d with { Qualifications = d.Qualifications! with { CurrentTitle = outside } }), "out-of-province-title", "三(四)", "dossier.qualifications.currentTitle.supportingDocumentId");
        Accepted(With(d => d with { Qualifications = d.Qualifications! with { CurrentTitle = outside with { SupportingDocumentId = Files.Evidence } } }));
    }

    [Fact]
    public void Foreign_and_military_education_need_their_documents()
    {
        Refused(With(d => d with { Education = [d.Education![0] with { Evidence = "ForeignCertified" }] }), "education-evidence", "四(二)", "dossier.education[0].evidenceId");
        Refused(With(d => d with { Education = [d.Education![0] with { Evidence = "Military" }] }), "education-evidence", "四(二)", "dossier.education[0].evidenceId");
        Accepted(With(d => d with { Education = [d.Education![0] with { Evidence = "ForeignCertified", EvidenceId = Files.Evidence }] }));
    }

    [Fact]
    public void Academic_outputs_count_kind_title_link_and_translation()
    {
        var outputs = Example.Dossier!.AcademicOutputs!;
        Refused(With(d => d with { AcademicOutputs = [outputs[1]] }), "academic-outputs", "四(三)", "dossier.academicOutputs");
        Refused(With(d => d with { AcademicOutputs = [outputs[0], outputs[1] with { Kind = "Thesis" }] }), "academic-outputs", "四(三)", "dossier.academicOutputs[1].kind");
        Refused(With(d => d with { AcademicOutputs = [outputs[0] with { Title = "数控机床主轴箱改进设计总结" }, outputs[1]] }), "academic-outputs", "四(三)", "dossier.academicOutputs[0].title");
        Refused(With(d => d with { AcademicOutputs = [outputs[0] with { PerformanceItemId = "P9" }, outputs[1]] }), "academic-outputs", "四(三)", "dossier.academicOutputs[0].performanceItemId");
        Refused(With(d => d with { AcademicOutputs = [outputs[0], outputs[1] with { Language = "en" }] }), "academic-outputs", "四(三)", "dossier.academicOutputs[1].translationId");
        Accepted(With(d => d with { AcademicOutputs = [outputs[0], outputs[1] with { Language = "en", TranslationId = Files.Report }] }));

        // Two reports are fine for 中级 when they are two outputs; 初级 submits exactly one report.
        Accepted(With(d => d with
        {
            Performance = [d.Performance![0], d.Performance[0] with { Id = "P2", Title = "主轴箱装配工艺优化" }],
            AcademicOutputs = [outputs[0], outputs[0] with { PerformanceItemId = "P2", Title = "《关于主轴箱装配工艺优化的技术总结报告》", DocumentId = Files.Paper }],
        }));
        var initial = Example with { Level = "AssistantEngineer" };
        Assert.Contains(Check(initial), v => v.Rule == "academic-outputs" && v.Field == "dossier.academicOutputs");
        Assert.DoesNotContain(Check(initial with { Dossier = initial.Dossier! with { AcademicOutputs = [outputs[0]] } }), v => v.Rule == "academic-outputs");
    }

    [Fact]
    public void The_two_outputs_of_an_engineer_are_two_different_documents_with_different_titles()
    {
        var outputs = Example.Dossier!.AcademicOutputs!;

        // The same report named twice is one output, not two (四(三): 中级 提交2篇成果).
        Refused(With(d => d with { AcademicOutputs = [outputs[0], outputs[0]] }), "academic-outputs", "四(三)", "dossier.academicOutputs[1].documentId");
        Refused(With(d => d with { AcademicOutputs = [outputs[0], outputs[1] with { DocumentId = Files.Report }] }), "academic-outputs", "四(三)", "dossier.academicOutputs[1].documentId");
        Refused(With(d => d with { AcademicOutputs = [outputs[0], outputs[1] with { Title = $" {outputs[0].Title} " }] }), "academic-outputs", "四(三)", "dossier.academicOutputs[1].title");
    }

    [Fact]
    public void Every_dated_achievement_counts_against_the_cutoff_and_a_missing_date_is_named()
    {
        var late = new DateOnly(2023, 4, 1);
        var paper = Example.Dossier!.AcademicOutputs![1];
        SubmitApplicationRequest Paper(AcademicOutput changed) => With(d => d with { AcademicOutputs = [d.AcademicOutputs![0], changed] });

        Refused(Paper(paper with { PublishedOn = null }), "achievements-cutoff", "三(五)", "dossier.academicOutputs[1].publishedOn");
        Refused(Paper(paper with { PublishedOn = late }), "achievements-cutoff", "三(五)", "dossier.academicOutputs[1].publishedOn");
        Refused(With(d => d with { Patents = [d.Patents![0] with { GrantedOn = late }] }), "achievements-cutoff", "三(五)", "dossier.patents[0].grantedOn");
        Refused(With(d => d with { Patents = [d.Patents![0] with { GrantedOn = null }] }), "achievements-cutoff", "三(五)", "dossier.patents[0].grantedOn");
        Refused(With(d => d with { Qualifications = d.Qualifications! with { Industry = [d.Qualifications.Industry![0] with { ObtainedOn = late }] } }),
            "achievements-cutoff", "三(五)", "dossier.qualifications.industry[0].obtainedOn");
        Refused(With(d => d with { Qualifications = d.Qualifications! with { Industry = [d.Qualifications.Industry![0] with { ObtainedOn = null }] } }),
            "achievements-cutoff", "三(五)", "dossier.qualifications.industry[0].obtainedOn");
        Refused(With(d => d with { Awards = [d.Awards![0] with { AwardedOn = null }] }), "achievements-cutoff", "三(五)", "dossier.awards[0].awardedOn");
        Accepted(With(d => d with { Patents = [d.Patents![0] with { GrantedOn = new DateOnly(2023, 3, 31) }] }));
    }

    [Fact]
    public void Only_the_engineering_series_is_reviewed_and_excluded_specialties_are_matched_exactly()
    {
        Refused(Example with { Series = "经济" }, "series", "通知正文（工程类）", "series");
        Refused(Example with { Specialty = "交通运输工程" }, "excluded-specialty", "通知正文（交通、水利除外）", "specialty");
        Refused(Example with { Specialty = " 水利水电工程 " }, "excluded-specialty", "通知正文（交通、水利除外）", "specialty");

        // A specialty that only mentions 交通 is not refused by a substring: the reviewer checks it against the catalogue.
        var signals = Example with { Specialty = "交通信号控制" };
        Accepted(signals);
        Assert.Contains(ReviewerChecklist.For(Facts(signals)), c => c.Code == "specialty-scope" && c.Prefilled.Contains("交通", StringComparison.Ordinal));
        Assert.DoesNotContain(ReviewerChecklist.For(Facts(Example)), c => c.Code == "specialty-scope");
    }

    [Fact]
    public void Outputs_identical_to_last_cycles_refused_application_are_refused()
    {
        string Hash(Guid id) => $"{id:N}{id:N}";
        var refused = new HashSet<string> { Hash(Files.Report), Hash(Files.Paper) };
        var violation = Assert.Single(Check(Example, refused));
        Assert.Equal(("identical-to-refused", "四(四)"), (violation.Rule, violation.Clause));

        // One reworked output is no longer 原封不动.
        Assert.Empty(Check(Example, new HashSet<string> { Hash(Files.Report) }));
    }

    [Fact]
    public void Unit_publicity_lasts_five_working_days_and_its_proof_comes_after_the_end()
    {
        // 2023-05-15 (Mon) to 05-18 (Thu) is 4 working days.
        Refused(With(d => d with { UnitConsent = d.UnitConsent! with { PublicityEnd = new DateOnly(2023, 5, 18) } }), "unit-publicity", "四(一)", "dossier.unitConsent.publicityEnd");
        Refused(With(d => d with { UnitConsent = d.UnitConsent! with { ProofIssuedOn = new DateOnly(2023, 5, 19) } }), "unit-publicity", "四(一)", "dossier.unitConsent.proofIssuedOn");
        Refused(With(d => d with { UnitConsent = d.UnitConsent! with { AssessmentResult = "良好" } }), "unit-publicity", "填报须知 二(十三)2", "dossier.unitConsent.assessmentResult");
        Accepted(With(d => d with { UnitConsent = d.UnitConsent! with { ProofIssuedOn = new DateOnly(2023, 5, 20) } }));

        // Across 劳动节: 2023-04-27 (Thu) to 05-05 (Fri) holds 4 working days (4/27, 4/28, 5/4, 5/5) despite 9 calendar days.
        Refused(With(d => d with { UnitConsent = d.UnitConsent! with { PublicityStart = new DateOnly(2023, 4, 27), PublicityEnd = new DateOnly(2023, 5, 5), ProofIssuedOn = new DateOnly(2023, 5, 8) } }),
            "unit-publicity", "四(一)", "dossier.unitConsent.publicityEnd");
    }

    [Fact]
    public void Annual_assessments_are_excellent_pass_or_fail()
    {
        Refused(With(d => d with { Assessments = [new AnnualAssessment(2022, "称职")] }), "annual-assessments", "填报须知 二(十二)", "dossier.assessments[0].result");
        Accepted(With(d => d with { Assessments = [new AnnualAssessment(2022, "不合格")] }));
    }

    [Fact]
    public void Work_history_runs_from_the_first_job_to_today_without_overlaps_or_empty_work()
    {
        var first = new WorkPeriod(new DateOnly(2014, 7, 1), new DateOnly(2018, 3, 31), "无锡甲公司", "机械设计");
        var second = new WorkPeriod(new DateOnly(2018, 4, 1), Today, "无锡某机械有限公司", "机械设计与制造工艺");
        Accepted(With(d => d with { WorkHistory = [second, first] }));
        Refused(With(d => d with { WorkHistory = [first, second with { From = new DateOnly(2018, 3, 1) }] }), "work-history", "填报须知 二(六)", "dossier.workHistory[1].from");
        Refused(With(d => d with { WorkHistory = [first, second with { MainTechnicalWork = "无" }] }), "work-history", "填报须知 二(六)", "dossier.workHistory[1].mainTechnicalWork");
        Refused(With(d => d with { WorkHistory = [first with { From = new DateOnly(2015, 1, 1) }, second] }), "work-history", "填报须知 二(六)", "dossier.workHistory[0].from");
        Refused(With(d => d with { WorkHistory = [first, second with { To = Today.AddDays(-1) }] }), "work-history", "填报须知 二(六)", "dossier.workHistory[1].to");
    }

    [Fact]
    public void Work_history_has_no_unexplained_gap_and_no_period_overlaps_any_other()
    {
        var first = new WorkPeriod(new DateOnly(2014, 7, 1), new DateOnly(2018, 3, 31), "无锡甲公司", "机械设计");
        var second = new WorkPeriod(new DateOnly(2018, 6, 1), Today, "无锡某机械有限公司", "机械设计与制造工艺");

        // Two months not written in: refused; written in as 待业: accepted.
        Refused(With(d => d with { WorkHistory = [first, second] }), "work-history", "填报须知 二(六)", "dossier.workHistory[1].from");
        Accepted(With(d => d with { WorkHistory = [second, new WorkPeriod(new DateOnly(2018, 4, 1), new DateOnly(2018, 5, 31), "无", "待业"), first] }));

        // Unsorted, and the overlap is not between neighbours: the long first job overlaps the last one.
        var longFirst = first with { To = new DateOnly(2020, 12, 31) };
        var inside = new WorkPeriod(new DateOnly(2015, 1, 1), new DateOnly(2015, 12, 31), "无锡乙公司", "工艺设计");
        var last = second with { From = new DateOnly(2016, 1, 1) };
        Refused(With(d => d with { WorkHistory = [last, longFirst, inside] }), "work-history", "填报须知 二(六)", "dossier.workHistory[0].from");
    }

    [Fact]
    public void Awards_and_patents_not_in_the_applicants_name_need_backing()
    {
        Refused(With(d => d with { Awards = [d.Awards![0] with { InApplicantsName = false }] }), "awards-patents", "填报须知 二(五)(七)", "dossier.awards[0]");
        Accepted(With(d => d with { Awards = [d.Awards![0] with { InApplicantsName = false, UnitStatementId = Files.Evidence }] }));
        Refused(With(d => d with { Patents = [d.Patents![0] with { CertificateId = null }] }), "awards-patents", "填报须知 二(五)(七)", "dossier.patents[0]");
        Accepted(With(d => d with { Patents = [d.Patents![0] with { CertificateId = null, RegistryUrl = "https://cpquery.cponline.cnipa.gov.cn/" }] }));
    }

    [Fact]
    public void Performance_evidence_is_verified_by_someone_else()
    {
        Refused(With(d => d with { Performance = [d.Performance![0] with { VerifiedBy = "张工" }] }), "performance-evidence", "填报须知 二(十)", "dossier.performance[0].verifiedBy");
        Refused(With(d => d with { Performance = [d.Performance![0] with { VerifiedOn = null }] }), "performance-evidence", "填报须知 二(十)", "dossier.performance[0].verifiedBy");
        Accepted(With(d => d with { Performance = [d.Performance![0] with { VerifiedBy = "李核实" }] }));
    }

    [Fact]
    public void Attachments_must_exist_belong_to_the_client_and_be_the_right_kind_by_content()
    {
        Refused(With(d => d with { Basic = d.Basic! with { PhotoId = Files.Evidence } }), "attachment-kinds", "填报须知 一2", "dossier.basic.photoId");
        Refused(With(d => d with { WorkSummary = new WorkSummary(Files.Photo) }), "attachment-kinds", "填报须知 一2", "dossier.workSummary.documentId");
        Refused(With(d => d with { WorkSummary = new WorkSummary(Guid.NewGuid()) }), "attachment-kinds", "填报须知 一2", "dossier.workSummary.documentId");
        Assert.Contains(SubmissionRules.Check(Facts(Example) with { Submitter = "portal-b" }), v => v.Rule == "attachment-kinds");

        // A .doc (OLE) is as good as a .docx where a document is asked for.
        Accepted(With(d => d with { WorkSummary = new WorkSummary(Files.Paper) }));
    }

    [Fact]
    public void Every_violation_of_a_bad_dossier_is_listed_with_its_own_field()
    {
        var violations = Check(With(d => d with
        {
            Basic = d.Basic! with { Retired = true },
            WorkHistory = [d.WorkHistory![0] with { MainTechnicalWork = "无" }],
            UnitConsent = d.UnitConsent! with { ProofIssuedOn = d.UnitConsent.PublicityEnd },
        }));
        Assert.Equal(["eligibility", "unit-publicity", "work-history"], violations.Select(v => v.Rule).ToArray());
    }

    [Fact]
    public void Checklist_items_are_prefilled_for_the_reviewer()
    {
        var checklist = ReviewerChecklist.For(Facts(Example));
        Assert.Contains(checklist, c => c.Code == "education-verification" && c.Prefilled.Contains("学信网可查验", StringComparison.Ordinal));
        Assert.Contains(checklist, c => c.Code == "performance-pages" && c.Prefilled.Contains("王核实", StringComparison.Ordinal));
        Assert.Equal(2, checklist.Count(c => c.Code == "academic-misconduct"));
        Assert.Contains(checklist, c => c.Code == "report-content" && c.Prefilled.Contains(ExampleApplication.PerformanceTitle, StringComparison.Ordinal));
        Assert.Contains(checklist, c => c.Code == "unit-consent" && c.Prefilled.Contains("2023-05-22", StringComparison.Ordinal));
        Assert.All(checklist, c => Assert.False(string.IsNullOrWhiteSpace(c.Clause)));
    }
}
