using Marten;
using TitleReview.Intake.Features;
using TitleReview.EventStore;
using TitleReview.Web.Http;

namespace TitleReview.Intake.Features.IntegrityRegister;

public sealed record IntegrityImport(string? Source, IReadOnlyList<IntegrityImportLine>? Records);

public sealed record IntegrityImportLine(string? IdNumber, string? Finding, DateOnly? RecordedOn);

/// <summary>
/// POST /api/integrity-register/imports (admin): findings from the province's 诚信档案库 (academic misconduct and other
/// fraud, 四(三)3) that did not arise here. All lines are checked first and the import is all or nothing; a line
/// never shortens a record already held, so importing the same file twice changes nothing.
/// </summary>
public static class ImportIntegrityRecords
{
    public static RouteGroupBuilder MapIntegrityImport(this RouteGroupBuilder group)
    {
        group.MapPost("/imports", ImportAsync)
        .WithName("ImportIntegrityRecords");
        return group;
    }

    private static async Task<IResult> ImportAsync(IntegrityImport? import, HttpContext http, LedgerSessions sessions, TimeProvider clock, CancellationToken cancellationToken)
    {
        var today = TitleReview.Domain.WorkingDays.ChinaTime.Today(clock);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(import?.Source) || import.Source.Length > 200)
        {
            errors["source"] = ["须写明来源（200字以内），例如“江苏省专业技术人员职称申报评审诚信档案库”。 / source is required (at most 200 characters)."];
        }

        if (!ImportChecks.LineCountIsValid(import?.Records, errors))
        {
            return Problems.Validation(errors);
        }

        var records = import!.Records!;

        foreach (var (line, i) in records.Select((r, i) => (r, i)))
        {
            ImportChecks.IdNumber(line?.IdNumber, i, errors);

            if (string.IsNullOrWhiteSpace(line?.Finding) || line.Finding.Length > 200)
            {
                errors[$"records[{i}].finding"] = ["须写明认定事由（200字以内）。 / finding is required (at most 200 characters)."];
            }

            if (line?.RecordedOn is null)
            {
                errors[$"records[{i}].recordedOn"] = ["须写明记入日期。 / recordedOn is required."];
            }
            else if (line.RecordedOn < DateFilter.Earliest || line.RecordedOn > today)
            {
                // A finding is recorded in the past; 9999-12-31 + 3 years does not exist and 0001-01-01 is a broken export.
                errors[$"records[{i}].recordedOn"] = [$"记入日期须在 {DateFilter.Earliest:yyyy-MM-dd} 至今天之间。 / recordedOn must be between {DateFilter.Earliest:yyyy-MM-dd} and today."];
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        await using var session = sessions.OpenForRequest(http);
        var importer = LedgerSessions.ActingFor(http).UserId;
        var keys = records.Select(r => IntegrityRecord.KeyOf(r.IdNumber!)).Distinct().ToArray();
        var held = (await session.LoadManyAsync<IntegrityRecord>(cancellationToken, keys)).ToDictionary(r => r.Id);
        var recorded = 0;
        foreach (var line in records)
        {
            var key = IntegrityRecord.KeyOf(line.IdNumber!);
            var until = line.RecordedOn!.Value.AddYears(IntegrityRecord.Years);
            if (held.TryGetValue(key, out var existing) && existing.Until >= until)
            {
                continue;
            }

            held[key] = new IntegrityRecord { Id = key, Finding = line.Finding!.Trim(), Source = import.Source!.Trim(), ImportedBy = importer, RecordedOn = line.RecordedOn.Value, Until = until };
            session.Store(held[key]);
            recorded++;
        }

        await session.SaveChangesAsync(cancellationToken);
        return Results.Ok(new { recorded, unchanged = records.Count - recorded });
    }
}
