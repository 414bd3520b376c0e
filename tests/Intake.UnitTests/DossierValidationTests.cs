using TitleReview.Contracts.Applications;
using TitleReview.Domain;
using TitleReview.Intake.Features.SubmitApplication;

namespace TitleReview.Intake.UnitTests;

public sealed class DossierValidationTests
{
    private static readonly Dossier Example = Examples.Request.Dossier!;

    private static string[] Fields(IEnumerable<FieldError> errors) => [.. errors.Select(e => e.Field)];

    [Fact]
    public void The_example_dossier_has_no_shape_error_in_any_module()
    {
        Assert.Empty(DossierValidation.Errors(Example));
        Assert.Empty(Examples.Request.Validate());
    }

    [Fact]
    public void A_missing_dossier_is_one_error_naming_the_dossier()
    {
        var error = Assert.Single(DossierValidation.Errors(null));
        Assert.Equal("dossier", error.Field);
        Assert.Equal("Schema version 2 needs the dossier (the 13 modules).", error.Message.English);
    }

    [Fact]
    public void A_null_entry_is_refused_by_its_path_and_nothing_else_is_checked()
    {
        var dossier = Example with { Awards = [null!], Basic = null, UnitConsent = null };
        Assert.Equal(["dossier.awards[0]"], Fields(DossierValidation.Errors(dossier)));
    }

    [Fact]
    public void A_missing_basic_module_is_one_error_and_a_missing_photo_or_phone_names_the_field()
    {
        Assert.Equal(["dossier.basic"], Fields(DossierValidation.Basic(null)));
        var basic = Example.Basic! with { PhotoId = null, Phone = " ", CivilServant = null };
        Assert.Equal(["dossier.basic.phone", "dossier.basic.civilServant", "dossier.basic.photoId"], Fields(DossierValidation.Basic(basic)));
    }

    [Fact]
    public void A_direct_route_needs_its_reason_and_an_unknown_residency_is_not_a_choice()
    {
        var basic = Example.Basic! with { Route = "Direct", RouteReason = null, Residency = "Mars" };
        Assert.Equal(["dossier.basic.residency", "dossier.basic.routeReason"], Fields(DossierValidation.Basic(basic)));
    }

    [Fact]
    public void Text_of_exactly_the_limit_is_accepted_and_one_character_more_is_refused()
    {
        var atLimit = Example.WorkHistory!.Select(p => p with { Employer = new string('甲', DossierValidation.MaxText) }).ToList();
        Assert.Empty(DossierValidation.WorkHistory(atLimit));
        var over = Example.WorkHistory!.Select(p => p with { Employer = new string('甲', DossierValidation.MaxText + 1) }).ToList();
        var error = Assert.Single(DossierValidation.WorkHistory(over));
        Assert.Equal("dossier.workHistory[0].employer", error.Field);
        Assert.Equal($"At most {DossierValidation.MaxText} characters.", error.Message.English);
    }

    [Fact]
    public void An_empty_required_list_is_a_missing_module_and_an_empty_optional_one_is_fine()
    {
        Assert.Equal("The dossier.education module is required.", Assert.Single(DossierValidation.Education([])).Message.English);
        Assert.Empty(DossierValidation.Awards([]));
        Assert.Empty(DossierValidation.Awards(null));
    }

    [Fact]
    public void Fifty_items_are_accepted_and_fifty_one_are_too_many()
    {
        var award = new Award("奖", new DateOnly(2020, 1, 1), true, null, null);
        Assert.Empty(DossierValidation.Awards(Enumerable.Repeat(award, DossierValidation.MaxItems).ToList()));
        var error = Assert.Single(DossierValidation.Awards(Enumerable.Repeat(award, DossierValidation.MaxItems + 1).ToList()));
        Assert.Equal("奖励情况最多50项。", error.Message.Chinese);
    }

    [Theory]
    [InlineData(1990, 0, true)]
    [InlineData(2100, 10000, true)]
    [InlineData(1989, 10, false)]
    [InlineData(2101, 10, false)]
    [InlineData(2020, -1, false)]
    [InlineData(2020, 10001, false)]
    [InlineData(0, 0, false)]
    [InlineData(int.MaxValue, 10, false)]
    [InlineData(int.MinValue, 10, false)]
    public void A_continuing_education_year_and_its_hours_stay_within_range(int year, int hours, bool accepted)
    {
        var errors = DossierValidation.ContinuingEducation([new ContinuingEducationYear(year, hours, null)]);
        Assert.Equal(accepted, !errors.Any());
    }

    [Fact]
    public void A_current_title_other_than_none_needs_the_date_it_was_obtained()
    {
        var title = Example.Qualifications!.CurrentTitle! with { Level = "AssistantEngineer", ObtainedOn = null };
        Assert.Equal(["dossier.qualifications.currentTitle.obtainedOn"],
            Fields(DossierValidation.Qualifications(Example.Qualifications with { CurrentTitle = title })));
        Assert.Equal(["dossier.qualifications.currentTitle"], Fields(DossierValidation.Qualifications(null)));
    }

    [Fact]
    public void A_repeated_performance_id_is_refused_on_the_second_item()
    {
        var item = Example.Performance![0];
        Assert.Equal(["dossier.performance[1].id"], Fields(DossierValidation.Performance([item, item])));
    }

    [Fact]
    public void An_excluded_output_kind_passes_the_shape_check_and_an_unknown_kind_does_not()
    {
        var output = Example.AcademicOutputs![0];
        var excluded = Vocabulary.ExcludedOutputKind.Keys.First();
        Assert.Empty(DossierValidation.AcademicOutputs([output with { Kind = excluded }]));
        Assert.Equal(["dossier.academicOutputs[0].kind"], Fields(DossierValidation.AcademicOutputs([output with { Kind = "Poem" }])));
    }

    [Fact]
    public void The_work_summary_and_the_unit_consent_are_required_modules()
    {
        Assert.Equal(["dossier.workSummary.documentId"], Fields(DossierValidation.WorkSummary(new WorkSummary(null))));
        Assert.Equal(["dossier.unitConsent"], Fields(DossierValidation.UnitConsent(null)));
        Assert.Empty(DossierValidation.UnitConsent(Example.UnitConsent));
    }

    [Fact]
    public void A_patent_needs_a_known_kind_and_a_title()
    {
        var patent = new Patent(null, "Unknown", "ZL1", true, null, null);
        Assert.Equal(["dossier.patents[0].kind", "dossier.patents[0].title"], Fields(DossierValidation.Patents([patent])));
    }

    [Fact]
    public void The_composition_writes_each_field_once_as_chinese_slash_english()
    {
        var errors = new Dictionary<string, Bilingual[]>();
        DossierValidation.Validate(Example with { UnitConsent = null }, errors);
        Assert.Equal(["缺少“单位同意证明”模块。 / The unit consent module is required."], errors["dossier.unitConsent"].Select(message => message.ToString()));
    }
}
