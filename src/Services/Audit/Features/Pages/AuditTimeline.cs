using System.Text.Json;
using TitleReview.Audit.Features.History;
using TitleReview.BackOffice.Components;
using TitleReview.BackOffice.Layout;
using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;

namespace TitleReview.Audit.Features.Pages;

/// <summary>
/// An event of the ledger as the shared timeline shows it to an auditor: the Chinese name of what happened, who did it
/// in which role, where it was written and with which correlation, and the record exactly as stored, folded.
/// </summary>
public static class AuditTimeline
{
    private static readonly JsonSerializerOptions Pretty = new(Exports.Json) { WriteIndented = true };

    public static TimelineEntry Entry(LedgerEvent e)
    {
        using var data = JsonDocument.Parse(e.DataUtf8);
        var role = e.Role is null ? "角色未知" : Sections.RoleNames.GetValueOrDefault(e.Role, e.Role);
        return new TimelineEntry(
            e.Timestamp,
            EventNames.Chinese(e.Type),
            $"{e.UserId ?? "操作人未知"}（{role}）",
            [$"第 {e.Version} 版 · 全局序号 {e.Sequence}", $"写入服务 {e.Service ?? "未知"} · 关联编号 {e.CorrelationId ?? "无"}"],
            ToneOf(e.Data),
            $"{e.Type}\n{JsonSerializer.Serialize(data.RootElement, Pretty)}");
    }

    private static Tone ToneOf(object? data) => data switch
    {
        ApplicationRejected or ApplicationWithdrawn => Tone.Danger,
        RevisionRequested => Tone.Warning,
        FinalApproved or CertificateIssued => Tone.Success,
        _ => Tone.Neutral,
    };
}
