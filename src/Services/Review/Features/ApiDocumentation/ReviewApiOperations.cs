using TitleReview.ServiceDefaults.Operations;
using TitleReview.Contracts.Events;
using TitleReview.Review.Features.CommitteeMeetings;
using TitleReview.Review.Features.ReviewQueue;
using TitleReview.ServiceDefaults.OpenApi;

namespace TitleReview.Review.Features.ApiDocumentation;

/// <summary>Every operation of Review's API as its OpenAPI document names it; the contract tests fail for an operation missing here.</summary>
public static class ReviewApiOperations
{
    public static readonly ApiOperations All = new ApiOperations
    {
        ["GET /api/review/queue"] = new("ListReviewQueue", "审核队列（筛选、排序、分页） / The review queue (filtered, sorted, paged)", Success: typeof(QueuePage)),
        ["GET /api/review/queue/{id}"] = new("GetReviewQueueItem", "队列中的一份申报 / One application in the queue", Success: typeof(ReviewQueueItem), Problems: [404]),
        ["POST /api/review/applications/{id}/claim"] = new("ClaimApplication", "认领审核 / Claim an application for review", Success: typeof(object), Problems: [404, 409, 422]),
        ["POST /api/review/applications/{id}/revision"] = new("RequestRevision", "按模块退回修改 / Ask for a revision, per module", Success: typeof(object), Problems: [404, 409, 422]),
        ["POST /api/review/applications/{id}/rejection"] = new("RejectApplication", "不予受理 / Reject an application", Success: typeof(object), Problems: [404, 409, 422]),
        ["POST /api/review/applications/{id}/final-approval"] = new("GiveFinalApproval", "审核通过 / Give final approval", Success: typeof(object), Problems: [404, 409, 422]),
        ["POST /api/committee/decisions"] = new("RecordCommitteeDecision", "记录评委会表决结果 / Record a committee decision", Success: typeof(CommitteeDecided), Problems: [404, 409, 422]),
        ["POST /api/committee/meetings"] = new("CreateCommitteeMeeting", "新建评审会议 / Create a committee meeting", Success: typeof(object), Status: 201, Problems: [409, 422]),
        ["GET /api/committee/meetings"] = new("ListCommitteeMeetings", "评审会议列表 / Committee meetings, newest first", Success: typeof(object)),
        ["GET /api/committee/meetings/{id}"] = new("GetCommitteeMeeting", "一次评审会议 / One committee meeting", Success: typeof(object), Problems: [404]),
        ["GET /api/committee/meetings/{id}/agenda"] = new("GetCommitteeAgenda", "会议议程 / A meeting's agenda", Success: typeof(IReadOnlyList<AgendaItem>), Problems: [404]),
        ["POST /api/committee/meetings/{id}/votes"] = new("RecordMeetingVote", "记录一项表决 / Record one vote of a meeting", Success: typeof(MeetingDecision), Problems: [404, 409, 422]),
        ["GET /api/committee/meetings/{id}/minutes"] = new("DownloadMeetingMinutes", "会议纪要（XLSX） / A meeting's minutes (XLSX)", MediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Problems: [404]),
    }.WithDeadLetters();
}
