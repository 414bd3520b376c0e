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
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string chinese, string english) => errors[field] = [$"{chinese} / {english}"];

        if (ApplicationId is null || ApplicationId == Guid.Empty)
        {
            Fail("applicationId", "必须给出申报编号。", "applicationId is required.");
        }

        if (MeetingDate is null)
        {
            Fail("meetingDate", "必须给出会议日期（YYYY-MM-DD）。", "meetingDate (YYYY-MM-DD) is required.");
        }

        if (MembersTotal is not > 0)
        {
            Fail("membersTotal", "评委总数必须大于0。", "membersTotal must be greater than 0.");
        }

        if (MembersPresent is not >= 0 || MembersPresent > MembersTotal)
        {
            Fail("membersPresent", "出席人数须在0到评委总数之间。", "membersPresent must be between 0 and membersTotal.");
        }

        if (VotesFor is not >= 0 || VotesAgainst is not >= 0 || Abstentions is not >= 0)
        {
            Fail("votes", "赞成、反对、弃权票数均须为非负整数。", "votesFor, votesAgainst and abstentions must be whole numbers of at least 0.");
        }
        else if (VotesFor + VotesAgainst + Abstentions != MembersPresent)
        {
            Fail("votes", "赞成、反对、弃权票数之和须等于出席人数。", "votesFor + votesAgainst + abstentions must equal membersPresent.");
        }

        return errors;
    }
}
