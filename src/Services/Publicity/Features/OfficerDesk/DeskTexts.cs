using System.Globalization;
using TitleReview.Domain;
using TitleReview.Domain.WorkingDays;
using TitleReview.Publicity.Features.Notices;
using TitleReview.Publicity.Features.Objections;

namespace TitleReview.Publicity.Features.OfficerDesk;

/// <summary>The desk's Chinese wording: dates as the notices print them, and the banners after an action.</summary>
public static class DeskTexts
{
    public static string Day(DateOnly day) => day.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);

    public static string Period(DateOnly start, DateOnly end, int workingDays) =>
        string.Create(CultureInfo.InvariantCulture, $"{Day(start)} 至 {Day(end)}（{workingDays}个工作日）");

    /// <summary>"已发布公示：第2023-001号（3人），公示期 …": the end date is the publisher's, counted in working days.</summary>
    public static string? Published(IReadOnlyList<PublicityNotice> notices) => notices.Count == 0
        ? null
        : "已发布公示：" + string.Join("；", notices.Select(n =>
            string.Create(CultureInfo.InvariantCulture, $"第{n.Number}号（{n.Entries.Count}人），公示期 {Period(n.Start, n.End, n.WorkingDays)}，异议受理截止 {Day(n.End)}"))) + "。";

    public static string Resolved(ObjectionRecord objection) => objection.Status switch
    {
        ObjectionStatus.Upheld => "已认定异议成立：该申报不予通过。",
        ObjectionStatus.Dismissed => "已驳回异议：公示继续，期满且无其他未处理异议即完成公示。",
        _ => "该异议尚未处理。",
    };

    public static string NotResolved(Refusal refusal) => "异议未处理：" + string.Join("；",
        refusal.Fields is { Count: > 0 } fields ? fields.Values.SelectMany(m => m).Select(m => m.Chinese) : [refusal.Reason.Chinese]);

    /// <summary>What the officer can do about a missing year: nothing here; an administrator loads the State Council's notice.</summary>
    public static string CalendarMissing(CalendarYearNotLoadedException missing) =>
        $"未发布公示：{missing.Reason.Chinese}请系统管理员导入{missing.Year}年国务院节假日安排（POST /api/working-days/calendar-years）后再发布；待公示的申报保持等待，不会丢失。";

    public static string StatusText(ObjectionStatus status) => status switch
    {
        ObjectionStatus.Open => "待处理",
        ObjectionStatus.Dismissed => "异议不成立",
        _ => "异议成立",
    };
}
