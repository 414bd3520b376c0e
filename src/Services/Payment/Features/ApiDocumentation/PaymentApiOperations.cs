using TitleReview.ServiceDefaults.Operations;
using TitleReview.Payment.Features.AssessFee;
using TitleReview.Contracts.Events;
using TitleReview.Payment.Features.PaymentNotifications;
using TitleReview.Payment.Features.Reconciliation;
using TitleReview.ServiceDefaults.OpenApi;

namespace TitleReview.Payment.Features.ApiDocumentation;

/// <summary>Every operation of Payment's API as its OpenAPI document names it; the contract tests fail for an operation missing here.</summary>
public static class PaymentApiOperations
{
    public static readonly ApiOperations All = new ApiOperations
    {
        ["POST /api/payments"] = new("RecordPayment", "财务手工登记缴费 / Record a payment by hand", Success: typeof(FeePaid), Problems: [404, 409, 422]),
        ["POST /api/payments/refunds"] = new("RefundPayment", "退费（附凭证） / Refund a payment (with evidence)", Success: typeof(FeeRefunded), Problems: [404, 409, 413, 415, 422], FormFields: ["paymentNotificationId", "reason", "evidence"]),
        ["POST /api/payments/notifications"] = new("ReceivePaymentNotification", "支付平台到账通知（签名） / A signed notification from the payment platform", Success: typeof(NotificationReceipt), Problems: [413]),
        ["POST /api/reconciliation/statements"] = new("UploadReconciliationStatement", "上传对账单 / Upload a bank statement for reconciliation", Success: typeof(object), Status: 201, Problems: [413, 415, 422], FormFields: ["file"]),
        ["GET /api/payments/awaiting-calendar"] = new("ListFeesAwaitingCalendar", "待载入工作日安排而未核定的缴费 / Fees waiting for a year's working-day calendar", Success: typeof(List<AwaitingCalendar>)),
        ["GET /api/reconciliation/statements"] = new("ListReconciliationStatements", "对账单列表 / Reconciliation reports, newest first", Success: typeof(object)),
        ["GET /api/reconciliation/statements/{id}"] = new("GetReconciliationReport", "一份对账结果（JSON、CSV 或 XLSX） / One reconciliation report (JSON, CSV or XLSX)", Success: typeof(ReconciliationReport), Problems: [404]),
    }.WithDeadLetters();
}
