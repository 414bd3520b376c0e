namespace TitleReview.ServiceDefaults.OpenApi;

/// <summary>
/// How one API operation is described: a stable operationId, a bilingual summary, what success returns (a JSON type,
/// or a file's media type) and which refusals besides the common 400/401/403 it can answer.
/// </summary>
/// <param name="Id">The operationId (an endpoint's own <c>WithName</c> wins when it has one).</param>
/// <param name="Summary">Chinese / English, one line.</param>
/// <param name="Success">The JSON body on success; <c>typeof(object)</c> for a shape not named in code.</param>
/// <param name="Status">The success status code.</param>
/// <param name="MediaType">The success media type when it is not JSON (a file download).</param>
/// <param name="Problems">Further problem+json answers (404, 409, 413, 415, 422, 429 …).</param>
/// <param name="FormFields">Multipart fields read by hand from the request (file fields end in "file" or "evidence").</param>
public sealed record ApiOperation(
    string Id,
    string Summary,
    Type? Success = null,
    int Status = 200,
    string? MediaType = null,
    int[]? Problems = null,
    string[]? FormFields = null);

/// <summary>One service's operations keyed by <c>"METHOD /route/{param}"</c> (route parameters without constraints).</summary>
public sealed class ApiOperations : Dictionary<string, ApiOperation>
{
    public ApiOperations() : base(StringComparer.Ordinal)
    {
    }
}
