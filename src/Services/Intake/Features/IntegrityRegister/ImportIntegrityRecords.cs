using Marten;
using TitleReview.Domain.WorkingDays;
using TitleReview.Domain;
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
    public const int MaxText = 200;

    public static RouteGroupBuilder MapIntegrityImport(this RouteGroupBuilder group)
    {
        group.MapPost("/imports", ImportAsync).WithName("ImportIntegrityRecords");
        return group;
    }

    public static async Task<IResult> ImportAsync(IntegrityImport? import, HttpContext http, LedgerSessions sessions, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (Errors(import, ChinaTime.Today(clock)) is { Count: > 0 } errors)
        {
            return Problems.Validation(errors);
        }

        var records = import!.Records!;
        await using var session = sessions.OpenForRequest(http);
        var keys = records.Select(r => IntegrityRecord.KeyOf(r.IdNumber!)).Distinct().ToArray();
        var held = (await session.LoadManyAsync<IntegrityRecord>(cancellationToken, keys)).ToDictionary(r => r.Id);
        var recorded = Decide(held, import.Source!, records, LedgerSessions.ActingFor(http).UserId);
        foreach (var record in recorded)
        {
            session.Store(record);
        }

        await session.SaveChangesAsync(cancellationToken);
        return Results.Ok(new { recorded = recorded.Count, unchanged = records.Count - recorded.Count });
    }

    /// <summary>
    /// The records to store, one per line that lengthens what is held (a later line for the same person counts
    /// against the earlier one); a line that would shorten a record changes nothing.
    /// </summary>
    public static IReadOnlyList<IntegrityRecord> Decide(IReadOnlyDictionary<string, IntegrityRecord> held, string source,
        IReadOnlyList<IntegrityImportLine> records, string importer)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(records);
        var current = new Dictionary<string, IntegrityRecord>(held);
        var recorded = new List<IntegrityRecord>();
        foreach (var line in records)
        {
            var key = IntegrityRecord.KeyOf(line.IdNumber!);
            var until = line.RecordedOn!.Value.AddYears(IntegrityRecord.Years);
            if (current.TryGetValue(key, out var existing) && existing.Until >= until)
            {
                continue;
            }

            current[key] = new IntegrityRecord
            {
                Id = key, Finding = line.Finding!.Trim(), Source = source.Trim(), ImportedBy = importer, RecordedOn = line.RecordedOn.Value,
                Until = until,
            };
            recorded.Add(current[key]);
        }

        return recorded;
    }

    /// <summary>Every field error of the import by path, checked against business <paramref name="today"/>.</summary>
    public static Dictionary<string, Bilingual[]> Errors(IntegrityImport? import, DateOnly today)
    {
        var errors = new Dictionary<string, Bilingual[]>();
        if (string.IsNullOrWhiteSpace(import?.Source) || import.Source.Length > MaxText)
        {
            errors["source"] = [new("须写明来源（200字以内），例如“江苏省专业技术人员职称申报评审诚信档案库”。", "source is required (at most 200 characters).")];
        }

        if (!ImportChecks.LineCountIsValid(import?.Records, errors))
        {
            return errors;
        }

        foreach (var (line, i) in import!.Records!.Select((r, i) => (r, i)))
        {
            ImportChecks.IdNumber(line?.IdNumber, i, errors);
            if (string.IsNullOrWhiteSpace(line?.Finding) || line.Finding.Length > MaxText)
            {
                errors[$"records[{i}].finding"] = [new("须写明认定事由（200字以内）。", "finding is required (at most 200 characters).")];
            }

            if (line?.RecordedOn is null)
            {
                errors[$"records[{i}].recordedOn"] = [new("须写明记入日期。", "recordedOn is required.")];
            }
            else if (line.RecordedOn < DateFilter.Earliest || line.RecordedOn > today)
            {
                // A finding is recorded in the past; 9999-12-31 + 3 years does not exist and 0001-01-01 is a broken export.
                errors[$"records[{i}].recordedOn"] = [new($"记入日期须在 {DateFilter.Earliest:yyyy-MM-dd} 至今天之间。", $"recordedOn must be between {DateFilter.Earliest:yyyy-MM-dd} and today.")];
            }
        }

        return errors;
    }
}
