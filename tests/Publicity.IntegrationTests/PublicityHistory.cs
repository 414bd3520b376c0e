using System.Net;
using TitleReview.Contracts;
using TitleReview.Contracts.Events;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Publicity.IntegrationTests;

/// <summary>
/// What Intake and Review would have done before Publicity acts: an application submitted, taken up and finally
/// approved, forged into the ledger, and Review's FinalApproved published as its relay would.
/// </summary>
public static class PublicityHistory
{
    /// <summary>Business time inside the 2023 window: Thursday 2023-06-01, 10:00 in Beijing (Journey.InsideWindow).</summary>
    public static readonly DateTimeOffset InsideWindow = new(2023, 6, 1, 2, 0, 0, TimeSpan.Zero);

    /// <summary>When the forged approval happened: Wednesday 2023-05-31, 16:00 in Beijing, before any business time the tests use.</summary>
    public static readonly DateTimeOffset ApprovedAt = new(2023, 5, 31, 16, 0, 0, TimeSpan.FromHours(8));

    /// <summary>Submitted, taken up and finally approved, as Intake and Review would have appended it (the start of <see cref="CleanHistory"/>, a few days earlier).</summary>
    public static IEnumerable<Forged> Approved(Guid id, string name) =>
    [
        new(new ApplicationSubmitted(id, name, "无锡某机械有限公司", "工程技术", "机械工程", TitleLevel.Engineer, "xishan-engineering-2023", ApprovedAt.AddDays(-3))),
        new(new ReviewStarted(id, "reviewer-wang", ApprovedAt.AddDays(-2))),
        new(new FinalApproved(id, "reviewer-wang", ApprovedAt)),
    ];

    /// <summary>A fresh application finally approved by Review, waiting for the next notice (AddToNextNotice has stored its entry).</summary>
    public static async Task<Guid> ApprovedAsync(this PublicityFixture publicity, string name)
    {
        var id = await publicity.Forger.AppendAsync(id => Approved(id, name));
        await publicity.PublishAsync(new FinalApproved(id, "reviewer-wang", ApprovedAt), "AddToNextNotice");
        return id;
    }

    /// <summary>A fresh approved application published by the officer on the next notice at the current business time.</summary>
    public static async Task<Guid> ApprovedAndPublishedAsync(this PublicityFixture publicity, string name)
    {
        var id = await publicity.ApprovedAsync(name);
        using var officer = publicity.Client(Roles.PublicityOfficer);
        using var response = await officer.PostAsync("/api/publicity/notices", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains("published", await publicity.Infrastructure.EventTypesAsync(id));
        return id;
    }
}
