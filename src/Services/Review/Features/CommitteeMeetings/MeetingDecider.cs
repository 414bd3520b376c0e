using TitleReview.Domain;
using TitleReview.Domain.Cycles;
using TitleReview.Review.Features.CommitteeDecision;

namespace TitleReview.Review.Features.CommitteeMeetings;

/// <summary>A meeting to register: the secretary's names trimmed, the cycle defaulted; nothing checked yet.</summary>
public sealed record CreateMeeting(string CycleId, DateOnly? MeetingDate, IReadOnlyList<string> Members,
    IReadOnlyList<string> Present, string CreatedBy)
{
    public static CreateMeeting From(CreateMeetingRequest? request, string createdBy) => new(
        string.IsNullOrWhiteSpace(request?.CycleId) ? ReviewCycleCatalogue.Xishan2023 : request.CycleId.Trim(),
        request?.MeetingDate,
        [.. (request?.Members ?? []).Select(m => m?.Trim() ?? "")],
        [.. (request?.Present ?? []).Select(m => m?.Trim() ?? "")],
        createdBy);
}

/// <summary>
/// The meeting rules both the API and the secretary's pages use: who may be registered as attending, and what one vote
/// of a meeting may be before it becomes the committee's decision on an application.
/// </summary>
public static class MeetingDecider
{
    public const int MaxMembers = 100;

    /// <summary>
    /// The sum of the votes does not match those present: the only vote error a person at the page can make with a
    /// well-formed form.
    /// </summary>
    public const string VotesSum = "votes";

    /// <param name="cycle">The cycle <see cref="CreateMeeting.CycleId"/> names, or null when none is loaded.</param>
    /// <param name="today">China's date: a meeting is registered after it met.</param>
    public static Decision<CommitteeMeeting> Decide(CreateMeeting command, ReviewCycle? cycle, DateOnly today, Guid id,
        DateTimeOffset now)
    {
        var errors = new Dictionary<string, IReadOnlyList<Bilingual>>();
        if (cycle is null)
        {
            errors["cycleId"] = [new($"未知的评审批次“{command.CycleId}”。", $"Unknown review cycle '{command.CycleId}'.")];
        }

        if (command.MeetingDate is not { } date)
        {
            errors["meetingDate"] = [new("必须给出会议日期（YYYY-MM-DD）。", "meetingDate (YYYY-MM-DD) is required.")];
        }
        else if (date > today)
        {
            errors["meetingDate"] = [new("会议日期不能晚于今天：会议召开后再登记。", "meetingDate cannot be in the future.")];
        }

        var members = command.Members;
        if (members.Count == 0 || members.Count > MaxMembers || members.Any(m => m.Length is 0 or > 50)
            || members.Distinct().Count() != members.Count)
        {
            errors["members"] = [new($"评委名单须有 1 到 {MaxMembers} 名不重复的委员。",
                $"members lists 1 to {MaxMembers} distinct names.")];
        }

        var present = command.Present;
        if (present.Distinct().Count() != present.Count || present.Any(p => !members.Contains(p)))
        {
            errors["present"] = [new("出席委员须是评委名单中的人，且不重复。", "present lists members of the committee, each once.")];
        }

        if (errors.Count > 0)
        {
            return Refusal.InvalidFields(errors);
        }

        return new CommitteeMeeting
        {
            Id = id,
            CycleId = command.CycleId,
            MeetingDate = command.MeetingDate!.Value,
            Members = [.. members],
            Present = [.. present],
            CreatedBy = command.CreatedBy,
            CreatedAt = now,
        };
    }

    /// <summary>
    /// One vote of <paramref name="meeting"/> → the <see cref="Vote"/> its application's decision takes: the counts
    /// checked field by field, then the meeting's quorum under its own <paramref name="cycle"/>.
    /// </summary>
    public static Decision<Vote> Decide(CommitteeMeeting meeting, MeetingVoteRequest? request, ReviewCycle cycle)
    {
        if (VoteErrors(request, meeting.Present.Count) is { Count: > 0 } errors)
        {
            return Refusal.InvalidFields(errors);
        }

        // An invalid meeting cannot decide anything, whatever the votes say.
        if (CommitteeVote.Inquorate(cycle, meeting.Members.Count, meeting.Present.Count) is { } inquorate)
        {
            return inquorate;
        }

        return new Vote(meeting.Id, meeting.MeetingDate, meeting.Members.Count, meeting.Present.Count,
            request!.VotesFor!.Value, request.VotesAgainst!.Value, request.Abstentions!.Value);
    }

    /// <summary>
    /// Each count is a whole number from 0 to those present, checked one by one before any arithmetic, and the sum is
    /// taken in long: int.MaxValue + int.MaxValue + 8 wrapped to 6 and passed for "six present".
    /// </summary>
    public static Dictionary<string, IReadOnlyList<Bilingual>> VoteErrors(MeetingVoteRequest? request, int present)
    {
        var errors = new Dictionary<string, IReadOnlyList<Bilingual>>();
        if (request?.ApplicationId is null || request.ApplicationId == Guid.Empty)
        {
            errors["applicationId"] = [new("必须给出申报编号。", "applicationId is required.")];
        }

        (string Field, string Chinese, int? Count)[] counts =
        [
            ("votesFor", "赞成", request?.VotesFor), ("votesAgainst", "反对", request?.VotesAgainst),
            ("abstentions", "弃权", request?.Abstentions),
        ];
        foreach (var (field, chinese, count) in counts)
        {
            if (count is not >= 0 || count > present)
            {
                errors[field] = [new($"{chinese}票数须为 0 到出席人数 {present} 之间的整数。",
                    $"{field} must be a whole number from 0 to the {present} members present.")];
            }
        }

        if (errors.Count == 0
            && (long)request!.VotesFor!.Value + request.VotesAgainst!.Value + request.Abstentions!.Value != present)
        {
            errors[VotesSum] = [new($"赞成、反对、弃权票数合计须等于出席人数 {present}。",
                $"votesFor + votesAgainst + abstentions must equal the {present} members present.")];
        }

        return errors;
    }
}
