using TitleReview.Contracts;
using TitleReview.Contracts.Ledger;
using TitleReview.ServiceDefaults.EventStore;
using TitleReview.ServiceDefaults.Http;

namespace TitleReview.Intake.Features.Status;

public sealed record StatusText(string Zh, string En);

public sealed record FeeNotice(decimal Amount, string PaymentReference, DateOnly DueDate);

public sealed record PublicityDates(DateOnly Start, DateOnly End);

/// <summary>What the portal shows the applicant; never the 身份证 number it already has.</summary>
public sealed record ApplicationStatusResponse(
    Guid Id,
    string ApplicantName,
    string Specialty,
    TitleLevel Level,
    ApplicationStatus Status,
    StatusText StatusText,
    long Version,
    FeeNotice? Fee,
    PublicityDates? Publicity,
    string? CertificateNumber);

public static class GetApplicationStatusEndpoint
{
    public static RouteGroupBuilder MapGetApplicationStatus(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}", async (Guid id, LedgerSessions sessions, CancellationToken cancellationToken) =>
        {
            await using var query = sessions.Query();
            var file = await query.LoadAsync<ApplicationFile>(id, cancellationToken);
            return file is null
                ? Problems.NotFound($"没有编号为 {id} 的申报。", $"No application with id {id}.")
                : Results.Ok(ToResponse(file));
        })
        .WithName("GetApplicationStatus");
        return group;
    }

    public static ApplicationStatusResponse ToResponse(ApplicationFile file) => new(
        file.Id,
        file.ApplicantName,
        file.Specialty,
        file.Level,
        file.Status,
        new StatusText(file.Status.Chinese(), file.Status.English()),
        file.LedgerVersion,
        file is { FeeAmount: { } amount, PaymentReference: { } reference, FeeDueDate: { } due } ? new FeeNotice(amount, reference, due) : null,
        file is { PublicityStart: { } start, PublicityEnd: { } end } ? new PublicityDates(start, end) : null,
        file.CertificateNumber);
}
