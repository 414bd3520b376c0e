namespace TitleReview.Contracts.Events;

/// <summary>Chinese names of the stored event types, for timelines shown to officers and auditors.</summary>
public static class EventNames
{
    public static string Chinese(string storedName) => storedName switch
    {
        "application_submitted" => "提交申报",
        "application_resubmitted" => "修改后重新提交",
        "application_withdrawn" => "撤回申报",
        "review_started" => "认领审核",
        "revision_requested" => "退回修改",
        "final_approved" => "终审通过",
        "application_rejected" => "审核不通过",
        "committee_decided" => "评委会集中评审",
        "checklist_item_checked" => "核查清单事项已核对",
        "published" => "评审公示",
        "objection_lodged" => "收到公示异议",
        "objection_resolved" => "异议处理完毕",
        "publicity_completed" => "公示完成",
        "working_day_calendar_imported" => "导入工作日安排",
        "fee_assessed" => "核定评审费",
        "fee_paid" => "缴费到账",
        "fee_refunded" => "退费",
        "application_lapsed" => "逾期未缴费，视作放弃",
        "application_lapse_undone" => "按期缴费到账，撤销逾期放弃",
        "certificate_issued" => "发放职称电子证书",
        "certificate_revoked" => "撤销证书",
        _ => storedName,
    };
}
