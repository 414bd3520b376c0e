using TitleReview.ServiceDefaults.Operations;
using TitleReview.Publicity.Features.Notices;
using TitleReview.Publicity.Features.Objections;
using TitleReview.Publicity.Features.WorkingDays;
using TitleReview.ServiceDefaults.OpenApi;

namespace TitleReview.Publicity.Features.ApiDocumentation;

/// <summary>Every operation of Publicity's API as its OpenAPI document names it; the contract tests fail for an operation missing here.</summary>
public static class PublicityApiOperations
{
    public static readonly ApiOperations All = new ApiOperations
    {
        ["GET /api/working-days/end"] = new("GetWorkingDayPeriodEnd", "从某日起 N 个工作日的截止日 / The end of a period of N working days", Success: typeof(PeriodEnd), Problems: [422]),
        ["GET /api/working-days/count"] = new("CountWorkingDays", "两日之间的工作日数 / Working days between two dates", Success: typeof(WorkingDayCount), Problems: [422]),
        ["GET /api/working-days/calendar-years"] = new("ListCalendarYears", "已载入的工作日安排（各年及版本） / The loaded working-day calendar years and their versions", Success: typeof(List<CalendarYearView>)),
        ["POST /api/working-days/calendar-years"] = new("ImportCalendarYear", "导入某年国务院节假日安排（管理员） / Load a year's official holiday notice (admin)", Success: typeof(CalendarYearView), Status: 201, Problems: [409]),
        ["GET /api/publicity/notices"] = new("ListPublicityNotices", "公示公告（公开） / Publicity notices (public)", Success: typeof(NoticePage)),
        ["POST /api/publicity/objections"] = new("LodgeObjection", "提出异议（公开，限频） / Lodge an objection (public, rate-limited)", Success: typeof(object), Status: 201, Problems: [413, 422, 429]),
        ["GET /api/publicity/pending"] = new("ListPendingNoticeEntries", "待公示名单 / Approved applications waiting for a notice", Success: typeof(List<PendingNoticeEntry>)),
        ["POST /api/publicity/notices"] = new("PublishNotices", "立即发布公示 / Publish the pending notices now", Success: typeof(List<PublicityNotice>), Status: 201, Problems: [409]),
        ["GET /api/publicity/objections"] = new("ListObjections", "异议列表 / Objections, oldest first", Success: typeof(object)),
        ["POST /api/publicity/objections/{objectionId}/resolution"] = new("ResolveObjection", "处理异议 / Resolve an objection", Success: typeof(ObjectionRecord), Problems: [404, 409]),
    }.WithDeadLetters();
}
