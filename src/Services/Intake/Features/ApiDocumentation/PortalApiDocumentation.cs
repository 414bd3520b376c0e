using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Scalar.AspNetCore;
using TitleReview.ServiceDefaults.OpenApi;
using TitleReview.Intake.Features.SubmitApplication;

namespace TitleReview.Intake.Features.ApiDocumentation;

/// <summary>
/// The portal API described for integrators: OpenAPI at /openapi/v1.json and a Scalar page at /scalar, both public
/// (they describe the API; calling it still needs a portal key). The submission carries a complete example application
/// that passes every rule on the first day of the 2023 window (its attachment ids are placeholders: upload first).
/// </summary>
public static class PortalApiDocumentation
{
    public static readonly DateOnly ExampleDay = new(2023, 6, 1);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string Title = "TitleReview 受理服务 Intake — 门户 API / Portal API";

    private const string Description =
        "职称评审申报的门户接口：先 POST /api/attachments 上传附件（按内容判定 JPG、DOC/DOCX、PDF），再 POST /api/applications 提交第2版申报（13个模块），" +
        "GET /api/applications/{id} 查询状态与退回意见（ETag 为流版本），PUT /api/applications/{id}（If-Match）修改后重新提交。认证：Authorization: ApiKey <门户密钥>。\n\n" +
        "The portal API: upload attachments first, then submit the schema v2 application; read the status (ETag = stream version); resubmit with PUT and If-Match. " +
        "Authenticate with 'Authorization: ApiKey <key>'. Rule violations answer 422 problem+json listing every violation with rule, clause, field, zh and en.\n\n" +
        "第1版（schemaVersion 1，仅申报信息）不含13个模块，不经任何材料规则审核，对评审而言是不完整的申报；仅对配置允许的门户客户端开放（Intake:Portal:DeclarationOnlyClients），其他客户端得到 400（schemaVersion）。\n" +
        "Schema version 1 (the declaration alone) carries none of the 13 modules and skips every dossier rule: such an application is incomplete for review. " +
        "It is accepted only from clients listed in Intake:Portal:DeclarationOnlyClients; any other client gets a 400 naming schemaVersion.";

    public static IServiceCollection AddPortalApiDocumentation(this IServiceCollection services) =>
        services.AddServiceOpenApi(Title, Description, IntakeApiOperations.All, options =>
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<EndpointNameMetadata>().Any(n => n.EndpointName is "SubmitApplication" or "ResubmitApplication")
                    && operation.RequestBody?.Content is { } content && content.TryGetValue("application/json", out var json))
                {
                    json.Example = ExampleJson();
                }

                return Task.CompletedTask;
            }));

    public static JsonNode ExampleJson() =>
        JsonSerializer.SerializeToNode(ExampleApplication.Create(ExampleDay, ExampleAttachments.Placeholders), Json)!;

    public static WebApplication MapPortalApiDocumentation(this WebApplication app)
    {
        app.MapServiceOpenApi(isPublic: true);
        app.MapScalarApiReference(options => options.WithTitle("TitleReview 门户 API")).AllowAnonymous();
        return app;
    }
}
