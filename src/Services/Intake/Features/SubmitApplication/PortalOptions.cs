using TitleReview.Domain;

namespace TitleReview.Intake.Features.SubmitApplication;

/// <summary>
/// Per-client settings of the portal API (<c>Intake:Portal</c>). Schema version 1 (the declaration alone) skips every
/// dossier rule, so it is accepted only from the clients listed in <see cref="DeclarationOnlyClients"/> (by client id,
/// e.g. a portal not yet moved to version 2); by default from none.
/// </summary>
public sealed class PortalOptions
{
    public const string Section = "Intake:Portal";

    public List<string> DeclarationOnlyClients { get; set; } = [];

    /// <summary>The 400 error for a version 1 application from a client not listed; null when the version is acceptable.</summary>
    public Bilingual[]? SchemaVersionError(SubmitApplicationRequest request, string client) =>
        request.SchemaVersion == SubmitApplicationRequest.DeclarationOnlySchemaVersion && !DeclarationOnlyClients.Contains(client, StringComparer.Ordinal)
            ? [new($"本门户未开通第1版（仅申报信息）申报，请使用 schemaVersion {SubmitApplicationRequest.CurrentSchemaVersion}（含13个模块）。", $"Schema version 1 (declaration only) is not enabled for this client; send schemaVersion {SubmitApplicationRequest.CurrentSchemaVersion} with the 13 modules.")]
            : null;
}
