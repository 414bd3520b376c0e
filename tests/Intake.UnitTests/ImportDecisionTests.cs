using TitleReview.Intake.Features.IntegrityRegister;

namespace TitleReview.Intake.UnitTests;

public sealed class ImportDecisionTests
{
    private const string Person = "32020219850615001X";
    private static readonly DateOnly Today = new(2023, 6, 1);

    private static IntegrityImport Import(params IntegrityImportLine[] lines) => new("江苏省诚信档案库", lines);

    [Fact]
    public void A_valid_import_has_no_error()
    {
        Assert.Empty(ImportIntegrityRecords.Errors(Import(new IntegrityImportLine(Person, "学术不端", Today)), Today));
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(9999, 12, 31)]
    [InlineData(2023, 6, 2)]
    public void A_finding_recorded_before_the_earliest_day_or_after_today_is_refused(int year, int month, int day)
    {
        var errors = ImportIntegrityRecords.Errors(Import(new IntegrityImportLine(Person, "学术不端", new DateOnly(year, month, day))), Today);
        Assert.Equal(["records[0].recordedOn"], errors.Keys);
    }

    [Fact]
    public void No_lines_and_no_source_are_both_named()
    {
        Assert.Equal(["source", "records"], ImportIntegrityRecords.Errors(new IntegrityImport(null, []), Today).Keys);
        Assert.Equal(["source", "records"], ImportIntegrityRecords.Errors(null, Today).Keys);
    }

    [Fact]
    public void A_bad_number_and_an_overlong_finding_are_named_by_line()
    {
        var errors = ImportIntegrityRecords.Errors(Import(new IntegrityImportLine("123", new string('x', 201), Today)), Today);
        Assert.Equal(["records[0].idNumber", "records[0].finding"], errors.Keys);
    }

    [Fact]
    public void A_new_person_is_recorded_for_three_years_from_the_finding()
    {
        var recorded = Assert.Single(ImportIntegrityRecords.Decide(
            new Dictionary<string, IntegrityRecord>(), " 来源 ", [new IntegrityImportLine(Person, " 学术不端 ", Today)], "admin"));
        Assert.Equal(Today.AddYears(IntegrityRecord.Years), recorded.Until);
        Assert.Equal(("学术不端", "来源", "admin"), (recorded.Finding, recorded.Source, recorded.ImportedBy));
    }

    [Fact]
    public void A_line_that_would_shorten_a_held_record_changes_nothing_and_a_later_one_lengthens_it()
    {
        var held = new IntegrityRecord { Id = IntegrityRecord.KeyOf(Person), Until = Today.AddYears(IntegrityRecord.Years) };
        var holding = new Dictionary<string, IntegrityRecord> { [held.Id] = held };
        Assert.Empty(ImportIntegrityRecords.Decide(holding, "s", [new IntegrityImportLine(Person, "f", Today)], "admin"));
        Assert.Empty(ImportIntegrityRecords.Decide(holding, "s", [new IntegrityImportLine(Person, "f", Today.AddDays(-1))], "admin"));
        Assert.Single(ImportIntegrityRecords.Decide(holding, "s", [new IntegrityImportLine(Person, "f", Today.AddDays(1))], "admin"));
    }

    [Fact]
    public void The_same_person_twice_in_one_file_counts_the_later_line_against_the_earlier()
    {
        var lines = new[] { new IntegrityImportLine(Person, "f", Today), new IntegrityImportLine(Person.ToLowerInvariant(), "g", Today.AddDays(-5)) };
        Assert.Single(ImportIntegrityRecords.Decide(new Dictionary<string, IntegrityRecord>(), "s", lines, "admin"));
    }

    [Theory]
    [InlineData(2000, true)]
    [InlineData(2100, true)]
    [InlineData(1999, false)]
    [InlineData(0, false)]
    [InlineData(-1, false)]
    [InlineData(int.MaxValue, false)]
    public void A_refused_materials_import_names_a_year_between_2000_and_2100(int year, bool accepted)
    {
        var import = new RefusedMaterialsImport(year, [new RefusedMaterialsLine(Person, [new string('a', 64)])]);
        Assert.Equal(accepted, ImportRefusedMaterials.Errors(import).Count == 0);
    }

    [Fact]
    public void Refused_materials_need_one_to_twenty_lower_case_hashes()
    {
        RefusedMaterialsImport With(params string[] hashes) => new(2022, [new RefusedMaterialsLine(Person, hashes)]);
        Assert.Empty(ImportRefusedMaterials.Errors(With([.. Enumerable.Repeat(new string('0', 64), ImportRefusedMaterials.MaxHashes)])));
        Assert.Equal(["records[0].sha256"], ImportRefusedMaterials.Errors(With([.. Enumerable.Repeat(new string('0', 64), 21)])).Keys);
        Assert.Equal(["records[0].sha256"], ImportRefusedMaterials.Errors(With()).Keys);
        Assert.Equal(["records[0].sha256"], ImportRefusedMaterials.Errors(With(new string('A', 64))).Keys);
    }
}
