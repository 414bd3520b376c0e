using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TitleReview.Contracts.Events;
using TitleReview.Intake.Features.SubmitApplication;

namespace TitleReview.Intake.IntegrationTests;

/// <summary>
/// The portal's steps against Intake alone, and what other services do to an application as Intake sees it (their
/// events on its stream, relayed to its status follower). The Intake half of SystemTesting's Journey; what both
/// need about applicants lives in tests/Testing (Applicants).
/// </summary>
public sealed class IntakeSteps(IntakeFixture intake)
{
    public static JsonSerializerOptions Json => TestJson.Web;

    public static readonly DateTimeOffset InsideWindow = Applicants.InsideWindow;

    public static DateOnly InsideWindowDay => Applicants.InsideWindowDay;

    public static string NewIdNumber() => Applicants.NewIdNumber();

    public static object Application(string name = "张三", string level = "Engineer", string? idNumber = null) =>
        Applicants.DeclarationOnly(name, level, idNumber);

    public async Task<Guid> SubmitAsync(string name = "张三", string? idNumber = null)
    {
        using var response = await intake.Portal.PostAsJsonAsync("/api/applications", Application(name, idNumber: idNumber));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>A complete (schema v2) example application for a fresh person, its files uploaded first by <paramref name="client"/> (the portal by default).</summary>
    public async Task<SubmitApplicationRequest> CompleteApplicationAsync(string name, HttpClient? client = null) =>
        ExampleApplication.Create(InsideWindowDay, await TestFiles.UploadExampleAsync(client ?? intake.Portal, name), NewIdNumber(), name);

    public async Task<JsonElement> StatusAsync(Guid id)
    {
        using var response = await intake.Portal.GetAsync($"/api/applications/{id}");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>
    /// Other services act on the application: each event appended to its stream as its owner would, then published as
    /// the owner's relay would, waiting until Intake's status follower has taken it in.
    /// </summary>
    public async Task OthersActAsync(params IApplicationEvent[] events)
    {
        foreach (var @event in events)
        {
            await intake.Forger.AppendAsync(@event.ApplicationId, [new Forged(@event)]);
            // dynamic: published as its own type, as the relay publishes it, not as IApplicationEvent.
            await intake.PublishAsync((dynamic)@event, "ApplicationStatusFollower");
        }
    }
}

/// <summary>An Intake test class: the steps, and business time returned to where the fixture started after every test, pass or fail.</summary>
public abstract class IntakeTest(IntakeFixture intake) : IAsyncLifetime
{
    protected IntakeFixture Intake { get; } = intake;

    protected IntakeSteps Steps { get; } = new(intake);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Intake.ResetBusinessTime();
        return Task.CompletedTask;
    }
}
