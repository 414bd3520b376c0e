using MiniExcelLibs;
using TitleReview.Contracts;
using TitleReview.Domain.Cycles;
using TitleReview.Web.Http;

namespace TitleReview.Review.Features.CommitteeMeetings;

/// <summary>The minutes (会议纪要) as XLSX: the meeting and its attendance on one sheet, every decision on the next.</summary>
public static class MeetingMinutes
{
    public static byte[] Xlsx(CommitteeMeeting meeting, ReviewCycle cycle)
    {
        var summary = new List<Dictionary<string, object>>
        {
            Row("评审委员会", cycle.CommitteeName),
            Row("会议日期", meeting.MeetingDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            Row("委员总数", meeting.Members.Count),
            Row("出席人数", meeting.Present.Count),
            Row("出席委员", string.Join("、", meeting.Present)),
            Row("缺席委员", string.Join("、", meeting.Members.Except(meeting.Present))),
            Row("法定人数", $"{cycle.QuorumNumerator}/{cycle.QuorumDenominator}（{(meeting.HasQuorum(cycle) ? "已达到" : "未达到，会议不能作出决定")}）"),
            Row("通过标准", $"赞成票不少于出席人数的 {cycle.PassNumerator}/{cycle.PassDenominator}"),
            Row("记录人", meeting.CreatedBy),
        };
        var decisions = meeting.Decisions.Select((d, i) => new Dictionary<string, object>
        {
            ["序号"] = i + 1,
            ["姓名"] = SafeCsv.Neutralise(d.ApplicantName),
            ["专业"] = SafeCsv.Neutralise(d.Specialty),
            ["级别"] = d.Level.Chinese(),
            ["应到"] = meeting.Members.Count,
            ["实到"] = meeting.Present.Count,
            ["赞成"] = d.VotesFor,
            ["反对"] = d.VotesAgainst,
            ["弃权"] = d.Abstentions,
            ["结果"] = d.Passed ? "通过" : "未通过",
        }).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { ["会议"] = summary, ["表决结果"] = decisions });
        return stream.ToArray();
    }

    private static Dictionary<string, object> Row(string item, object value) => new() { ["项目"] = item, ["内容"] = value is string text ? SafeCsv.Neutralise(text) : value };
}
