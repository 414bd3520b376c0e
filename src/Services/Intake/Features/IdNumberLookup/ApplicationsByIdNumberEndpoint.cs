using Marten;
using TitleReview.Domain;
using TitleReview.Intake.Features.Status;
using TitleReview.EventStore;
using TitleReview.Web.Http;

namespace TitleReview.Intake.Features.IdNumberLookup;

/// <summary>
/// Which applications carry a 身份证 number: the only way to reach personal numbers from outside Intake, for auditors
/// (the Audit service passes the auditor's own credentials through). Answers ids only, never the number itself.
/// </summary>
public static class ApplicationsByIdNumberEndpoint
{
    public static RouteGroupBuilder MapApplicationsByIdNumber(this RouteGroupBuilder group)
    {
        group.MapGet("/by-id-number", ListAsync)
            .WithName("ListApplicationsByIdNumber");
        return group;
    }

    public static async Task<IResult> ListAsync(string? idNumber, LedgerSessions sessions, CancellationToken cancellationToken)
    {
        var number = IdNumbers.Normalise(idNumber ?? "");
        if (number.Length != 18)
        {
            return Problems.Validation(new Dictionary<string, Bilingual[]>
            {
                ["idNumber"] = [new("请输入 18 位身份证号。", "idNumber is an 18-character 身份证 number.")],
            });
        }

        // Submissions store the number normalised the same way: one exact lookup.
        await using var query = sessions.Query();
        var ids = await query.Query<ApplicationFile>().Where(f => f.IdNumber == number).Select(f => f.Id).ToListAsync(cancellationToken);
        return Results.Ok(ids);
    }
}
