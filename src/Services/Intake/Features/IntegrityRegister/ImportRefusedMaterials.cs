using System.Text.RegularExpressions;
using Marten;
using TitleReview.Domain;
using TitleReview.EventStore;
using TitleReview.Intake.Features.IdNumberLookup;
using TitleReview.Intake.Features.SubmitApplication.Rules;
using TitleReview.Web.Http;

namespace TitleReview.Intake.Features.IntegrityRegister;

public sealed record RefusedMaterialsImport(int? Year, IReadOnlyList<RefusedMaterialsLine>? Records);

public sealed record RefusedMaterialsLine(string? IdNumber, IReadOnlyList<string>? Sha256);

/// <summary>
/// POST /api/refused-materials/imports (admin): the academic outputs (SHA-256) of applications refused in a year this
/// system did not run — 2022 for the 2023 cycle — so 四(四) can refuse them unchanged (<see cref="RefusedMaterials"/>,
/// read by the submission rules). All or nothing; adding the same hashes again changes nothing.
/// </summary>
public static partial class ImportRefusedMaterials
{
    public const int MaxHashes = 20;

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256();

    public static RouteGroupBuilder MapRefusedMaterialsImport(this RouteGroupBuilder group)
    {
        group.MapPost("/imports", ImportAsync).WithName("ImportRefusedMaterials");
        return group;
    }

    public static async Task<IResult> ImportAsync(RefusedMaterialsImport? import, HttpContext http, LedgerSessions sessions,
        CancellationToken cancellationToken)
    {
        if (Errors(import) is { Count: > 0 } errors)
        {
            return Problems.Validation(errors);
        }

        var records = import!.Records!;
        await using var session = sessions.OpenForRequest(http);
        foreach (var person in records.GroupBy(r => RefusedMaterials.IdOf(import.Year!.Value, r.IdNumber!)))
        {
            var known = await session.LoadAsync<RefusedMaterials>(person.Key, cancellationToken) ?? new RefusedMaterials { Id = person.Key };
            known.Sha256 = [.. known.Sha256.Union(person.SelectMany(r => r.Sha256!))];
            session.Store(known);
        }

        await session.SaveChangesAsync(cancellationToken);
        return Results.Ok(new { people = records.Select(r => IdNumbers.Normalise(r.IdNumber!)).Distinct().Count() });
    }

    /// <summary>Every field error of the import by path; empty when it can be taken as a whole.</summary>
    public static Dictionary<string, Bilingual[]> Errors(RefusedMaterialsImport? import)
    {
        var errors = new Dictionary<string, Bilingual[]>();
        if (import?.Year is not (>= 2000 and <= 2100))
        {
            errors["year"] = [new("须写明评审年度。", "year is required.")];
        }

        if (!ImportChecks.LineCountIsValid(import?.Records, errors))
        {
            return errors;
        }

        foreach (var (line, i) in import!.Records!.Select((r, i) => (r, i)))
        {
            ImportChecks.IdNumber(line?.IdNumber, i, errors);
            if (line?.Sha256 is not { Count: > 0 and <= MaxHashes } hashes || hashes.Any(h => h is null || !Sha256().IsMatch(h)))
            {
                errors[$"records[{i}].sha256"] = [new("须为1至20个小写十六进制 SHA-256。", "1 to 20 lower-case hex SHA-256 values.")];
            }
        }

        return errors;
    }
}
