using TitleReview.Domain;
using TitleReview.Review.Features.CommitteeMeetings;

namespace TitleReview.Review.Features.CommitteeDecision;

/// <summary>The votes of one committee meeting on one application.</summary>
public sealed record RecordDecisionRequest(
    Guid? ApplicationId,
    Guid? MeetingId,
    DateOnly? MeetingDate,
    int? MembersTotal,
    int? MembersPresent,
    int? VotesFor,
    int? VotesAgainst,
    int? Abstentions)
{
    /// <summary>Every field at fault, or null; <paramref name="today"/> is China's date (a decision is recorded after its meeting).</summary>
    public static Refusal? Check(RecordDecisionRequest? request, DateOnly today)
    {
        if (request is null)
        {
            return Fields(new() { ["body"] = [new("请求体不能为空。", "The request body is required.")] });
        }

        var errors = request.Validate();
        if (request.MeetingDate > today)
        {
            errors["meetingDate"] = [new("会议日期不能晚于今天：决定须在会议召开后记录。", "meetingDate cannot be in the future: a decision is recorded after the meeting.")];
        }

        return errors.Count > 0 ? Fields(errors) : null;
    }

    public Dictionary<string, IReadOnlyList<Bilingual>> Validate()
    {
        var errors = new Dictionary<string, IReadOnlyList<Bilingual>>();
        void Fail(string field, string chinese, string english) => errors[field] = [new(chinese, english)];

        if (ApplicationId is null || ApplicationId == Guid.Empty)
        {
            Fail("applicationId", "必须给出申报编号。", "applicationId is required.");
        }

        if (MeetingDate is null)
        {
            Fail("meetingDate", "必须给出会议日期（YYYY-MM-DD）。", "meetingDate (YYYY-MM-DD) is required.");
        }

        // Every count is bounded by the meeting (at most MaxMembers members) before any arithmetic, and the sum is
        // taken in long: int.MaxValue + int.MaxValue + 9 wrapped to 7 and passed as "seven present".
        if (MembersTotal is not (> 0 and <= MeetingDecider.MaxMembers))
        {
            Fail("membersTotal", $"评委总数须在 1 到 {MeetingDecider.MaxMembers} 之间。", $"membersTotal must be between 1 and {MeetingDecider.MaxMembers}.");
        }

        if (MembersPresent is not >= 0 || MembersPresent > (MembersTotal ?? 0) || MembersPresent > MeetingDecider.MaxMembers)
        {
            Fail("membersPresent", "出席人数须在0到评委总数之间。", "membersPresent must be between 0 and membersTotal.");
        }

        var present = MembersPresent ?? 0;
        var countsValid = !errors.ContainsKey("membersTotal") && !errors.ContainsKey("membersPresent");
        foreach (var (field, chinese, count) in new[] { ("votesFor", "赞成", VotesFor), ("votesAgainst", "反对", VotesAgainst), ("abstentions", "弃权", Abstentions) })
        {
            if (count is not >= 0 || count > present)
            {
                Fail(field, $"{chinese}票数须为 0 到出席人数之间的整数。", $"{field} must be a whole number from 0 to membersPresent.");
                countsValid = false;
            }
        }

        if (countsValid && (long)VotesFor!.Value + VotesAgainst!.Value + Abstentions!.Value != present)
        {
            Fail("votes", "赞成、反对、弃权票数之和须等于出席人数。", "votesFor + votesAgainst + abstentions must equal membersPresent.");
        }

        return errors;
    }

    private static Refusal Fields(Dictionary<string, IReadOnlyList<Bilingual>> errors) => Refusal.InvalidFields(errors);
}
