using TitleReview.Audit.Features.History;
using TitleReview.Audit.Features.Seals;
using TitleReview.Audit.Features.TimeTravel;
using TitleReview.Audit.Features.Verification;
using TitleReview.ServiceDefaults.OpenApi;

namespace TitleReview.Audit.Features.ApiDocumentation;

/// <summary>Every operation of Audit's API as its OpenAPI document names it; the contract tests fail for an operation missing here.</summary>
public static class AuditApiOperations
{
    public static readonly ApiOperations All = new()
    {
        ["GET /api/audit/applications"] = new("SearchApplications", "检索申报 / Search applications", Success: typeof(object)),
        ["GET /api/audit/applications/{id}/events"] = new("GetApplicationHistory", "一份申报的全部事件 / Every event of an application", Success: typeof(IEnumerable<EventView>), Problems: [404]),
        ["GET /api/audit/applications/{id}/events/export"] = new("ExportApplicationHistory", "导出事件（CSV 或 JSON） / Export the events (CSV or JSON)", MediaType: "text/csv", Problems: [404]),
        ["GET /api/audit/applications/{id}/state"] = new("GetApplicationStateAt", "某一时刻或版本的状态 / The state at a moment or version", Success: typeof(ApplicationStateView), Problems: [404]),
        ["GET /api/audit/applications/{id}/verification"] = new("VerifyApplicationHistory", "核验一份申报的历史 / Verify one application's history", Success: typeof(object), Problems: [404]),
        ["POST /api/audit/verifications"] = new("StartVerificationRun", "启动全量核验 / Start a verification run over the ledger", Success: typeof(VerificationRun), Status: 202, Problems: [409]),
        ["GET /api/audit/verifications"] = new("ListVerificationRuns", "核验记录 / Verification runs, newest first", Success: typeof(object)),
        ["GET /api/audit/verifications/{runId}"] = new("GetVerificationRun", "一次核验 / One verification run", Success: typeof(VerificationRun), Problems: [404]),
        ["GET /api/audit/verifications/{runId}/findings"] = new("ListVerificationFindings", "核验发现 / A run's findings, paged", Success: typeof(FindingsPage), Problems: [404]),
        ["GET /api/audit/verifications/{runId}/findings/export"] = new("ExportVerificationFindings", "导出核验发现（CSV 或 JSON） / Export a run's findings (CSV or JSON)", MediaType: "text/csv", Problems: [404]),
        ["POST /api/audit/seals"] = new("SealLedger", "封存账本（哈希链） / Seal the ledger (hash chain)", Success: typeof(LedgerSeal), Status: 201),
        ["GET /api/audit/seals"] = new("ListSeals", "封存记录 / Ledger seals, newest first", Success: typeof(object)),
        ["POST /api/audit/seals/check"] = new("CheckSeals", "核对封存 / Check every seal against the ledger", Success: typeof(object)),
    };
}
