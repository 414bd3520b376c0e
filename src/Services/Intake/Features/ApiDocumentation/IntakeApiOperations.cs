using TitleReview.ServiceDefaults.Operations;
using TitleReview.Intake.Features.Attachments;
using TitleReview.Intake.Features.Status;
using TitleReview.Intake.Features.SubmitApplication;
using TitleReview.ServiceDefaults.OpenApi;

namespace TitleReview.Intake.Features.ApiDocumentation;

/// <summary>Every operation of Intake's API as its OpenAPI document names it; the contract tests fail for an operation missing here.</summary>
public static class IntakeApiOperations
{
    public static readonly ApiOperations All = new ApiOperations
    {
        ["POST /api/attachments"] = new("UploadAttachment", "上传附件（按内容判定类型） / Upload an attachment (kind decided by its bytes)", Success: typeof(UploadedAttachment), Status: 201, Problems: [413, 415, 429], FormFields: ["file"]),
        ["GET /api/attachments/{id}"] = new("DownloadAttachment", "下载附件 / Download an attachment", MediaType: "application/octet-stream", Problems: [404, 429]),
        ["POST /api/applications"] = new("SubmitApplication", "提交申报（第2版，13个模块） / Submit an application (schema v2, 13 modules)", Success: typeof(SubmittedResponse), Status: 201, Problems: [409, 422, 429]),
        ["GET /api/applications/{id}"] = new("GetApplicationStatus", "查询申报状态与退回意见 / Read an application's status and revision comments", Success: typeof(ApplicationStatusResponse), Problems: [404, 429]),
        ["PUT /api/applications/{id}"] = new("ResubmitApplication", "修改后重新提交（If-Match） / Resubmit a revised application (If-Match)", Success: typeof(object), Problems: [404, 409, 412, 422, 428, 429]),
        ["POST /api/applications/{id}/resubmission"] = new("ResubmitApplicationByPost", "修改后重新提交（POST 形式） / Resubmit a revised application (POST form)", Success: typeof(object), Problems: [404, 409, 412, 422, 428, 429]),
        ["POST /api/applications/{id}/withdrawal"] = new("WithdrawApplication", "撤回申报 / Withdraw an application", Success: typeof(object), Problems: [404, 409, 429]),
        ["GET /api/applications/by-id-number"] = new("ListApplicationsByIdNumber", "按身份证号查申报（审计） / Applications of one 身份证 number (auditors)", Success: typeof(List<Guid>)),
        ["POST /api/integrity-register/imports"] = new("ImportIntegrityRecords", "导入诚信记录 / Import integrity-register records", Success: typeof(object)),
        ["POST /api/refused-materials/imports"] = new("ImportRefusedMaterials", "导入不予受理的材料名单 / Import the refused-materials list", Success: typeof(object)),
    }.WithDeadLetters();
}
