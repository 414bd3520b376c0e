using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TitleReview.Contracts.Events;
using TitleReview.Intake.Features.SubmitApplication;

namespace TitleReview.Intake.IntegrationTests;

/// <summary>
/// The portal's steps against Intake alone, and what other services do to an application as Intake sees it (their
/// events on its stream, relayed to its status follower). The Intake half of SystemTesting's Journey, which could be
/// built on these once they live somewhere both projects reference.
/// </summary>
public sealed class IntakeSteps(IntakeFixture intake)
{
    public static JsonSerializerOptions Json => TestJson.Web;

    /// <summary>Business time inside the Xishan 2023 submission window.</summary>
    public static readonly DateTimeOffset InsideWindow = new(2023, 6, 1, 2, 0, 0, TimeSpan.Zero);

    /// <summary>The day the example application's work history ends: business today inside the window.</summary>
    public static DateOnly InsideWindowDay => DateOnly.FromDateTime(InsideWindow.UtcDateTime);

    /// <summary>A fresh valid 身份证 number (GB 11643): one person has one active application per level (三(六)).</summary>
    public static string NewIdNumber()
    {
        var birth = new DateOnly(1960, 1, 1).AddDays(Random.Shared.Next(0, 40 * 365));
        var first17 = $"320200{birth:yyyyMMdd}{Random.Shared.Next(0, 1000):D3}";
        return first17 + Contracts.Identification.ResidentIdNumber.CheckCharacterOf(first17);
    }

    /// <summary>The declaration-only application (schema v1) the first development portal client may still send.</summary>
    public static object Application(string name = "张三", string level = "Engineer", string? idNumber = null) => new
    {
        schemaVersion = 1,
        cycleId = "xishan-engineering-2023",
        applicantName = name,
        idNumber = idNumber ?? NewIdNumber(),
        employer = "无锡某机械有限公司",
        series = "工程技术",
        specialty = "机械工程",
        level,
    };

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
            await intake.Appender.AppendAsync(@event.ApplicationId, @event);
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
