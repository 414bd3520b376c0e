using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using TitleReview.Domain.WorkingDays;
using TitleReview.Intake.Features.SubmitApplication;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Bench.Load;

/// <summary>One HTTP exchange as the load measures it: the status (0: no answer) and, for a submission, the id.</summary>
public readonly record struct Answer(int Status, Guid? Id, string? Failure = null)
{
    public bool Accepted => Status is 200 or 201;
}

/// <summary>
/// What a public portal sends (README, "The portal API"): the five example files of deploy/examples/files, each with
/// <c>POST /api/attachments</c>, then the complete schema-v2 example (<see cref="ExampleApplication"/>) naming their ids,
/// for a fresh person, with an Idempotency-Key.
/// </summary>
public sealed class Portal(ServiceClients services, Applicants applicants, DateOnly businessToday)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static readonly string[] ExampleFiles = ["photo.jpg", "evidence.pdf", "work-summary.docx", "technical-summary-report.docx", "paper.docx"];

    private readonly Dictionary<string, byte[]> files = ExampleFiles.ToDictionary(name => name, name => File.ReadAllBytes(Path.Combine(Repository.Root, "deploy", "examples", "files", name)));

    private HttpClient Client => services.As(Roles.Portal);

    /// <summary>A portal for the day the services' business clock shows (the example's work history ends that day).</summary>
    public static async Task<Portal> ForBusinessTodayAsync(ServiceClients services, Applicants applicants) =>
        new(services, applicants, ChinaTime.DateOfInstant(await services.BusinessNowAsync()));

    /// <summary>Uploads the five files in the order <see cref="ExampleAttachments"/> names them; null ids when one was refused.</summary>
    public async Task<(ExampleAttachments? Files, Answer Failed)> UploadExampleAsync()
    {
        var ids = new List<Guid>();
        foreach (var name in ExampleFiles)
        {
            var answer = await UploadAsync(name);
            if (!answer.Accepted)
            {
                return (null, answer);
            }

            ids.Add(answer.Id!.Value);
        }

        return (new ExampleAttachments(ids[0], ids[1], ids[2], ids[3], ids[4]), default);
    }

    public async Task<Answer> SubmitAsync(ExampleAttachments attachments)
    {
        var (idNumber, name) = applicants.Next();
        using var request = new HttpRequestMessage(HttpMethod.Post, services.Url("intake", "/api/applications"))
        {
            Content = JsonContent.Create(ExampleApplication.Create(businessToday, attachments, idNumber, name), options: Json),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        return await SendAsync(request);
    }

    private async Task<Answer> UploadAsync(string name)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(files[name]), "file", name } };
        using var request = new HttpRequestMessage(HttpMethod.Post, services.Url("intake", "/api/attachments")) { Content = form };
        return await SendAsync(request);
    }

    private async Task<Answer> SendAsync(HttpRequestMessage request)
    {
        try
        {
            using var response = await Client.SendAsync(request);
            var status = (int)response.StatusCode;
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
            {
                return new Answer(status, null, await response.Content.ReadAsStringAsync());
            }

            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return new Answer(status, body.GetProperty("id").GetGuid());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new Answer(0, null, $"{e.GetType().Name}: {e.Message}");
        }
    }
}
