using TitleReview.Domain.Cycles;
using TitleReview.Intake.Features.Attachments;
using TitleReview.Intake.Features.SubmitApplication;
using TitleReview.Intake.Features.SubmitApplication.Rules;

namespace TitleReview.Intake.UnitTests;

/// <summary>The complete example application and the facts under which it passes every rule, for the decisions to start from.</summary>
internal static class Examples
{
    public static readonly DateOnly Today = new(2023, 6, 1);
    public static readonly DateTimeOffset Now = new(2023, 6, 1, 2, 0, 0, TimeSpan.Zero);
    public static readonly ExampleAttachments Files = ExampleAttachments.Placeholders;
    public static readonly ReviewCycle Cycle = ReviewCycleCatalogue.Shipped.Get(ReviewCycleCatalogue.Xishan2023);

    public static SubmitApplicationRequest Request => ExampleApplication.Create(Today, Files);

    /// <summary>The example as submitted on <paramref name="day"/> (its work history ends that day) and the facts of that day.</summary>
    public static SubmissionFacts On(DateOnly day) => Facts(ExampleApplication.Create(day, Files)) with { Today = day };

    public static SubmissionFacts Facts(SubmitApplicationRequest? request = null) => new(
        request ?? Request, Cycle, Today, null, null,
        new Dictionary<Guid, StoredAttachment>
        {
            [Files.Photo] = Stored(Files.Photo, AttachmentKind.Jpeg),
            [Files.Evidence] = Stored(Files.Evidence, AttachmentKind.Pdf),
            [Files.WorkSummary] = Stored(Files.WorkSummary, AttachmentKind.Docx),
            [Files.Report] = Stored(Files.Report, AttachmentKind.Docx),
            [Files.Paper] = Stored(Files.Paper, AttachmentKind.Doc),
        },
        "portal");

    private static StoredAttachment Stored(Guid id, AttachmentKind kind) => new(id, "portal", kind, $"{id:N}{id:N}", 100, "f", DateTimeOffset.UnixEpoch);
}
