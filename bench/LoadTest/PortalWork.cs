using System.Diagnostics;
using TitleReview.Intake.Features.SubmitApplication;

namespace TitleReview.Bench.Load;

/// <summary>
/// One unit of portal load: the submission alone (with the files uploaded once at start) or the whole flow, its five
/// uploads first. Measures: "submission" (from when the unit was due to its answer: in the open loop that is the
/// scheduled moment, so time spent waiting behind slow answers counts), and for the full flow "flow" (the same for
/// the whole unit) and "upload" (each upload alone). Accepted applications go to the <see cref="Approver"/>.
/// </summary>
public sealed class PortalWork(Portal portal, Flow flow, ExampleAttachments? shared, Recorder recorder, Approver? approver)
{
    public static async Task<PortalWork> StartAsync(Portal portal, Flow flow, Recorder recorder, Approver? approver)
    {
        ExampleAttachments? shared = null;
        if (flow == Flow.Submit)
        {
            var (files, failed) = await portal.UploadExampleAsync();
            shared = files ?? throw new InvalidOperationException($"Uploading the example files answered {failed.Status}: {failed.Failure}");
        }

        return new PortalWork(portal, flow, shared, recorder, approver);
    }

    public async Task RunOnceAsync(long due)
    {
        var files = shared;
        if (flow == Flow.Full)
        {
            var uploadsStarted = Stopwatch.GetTimestamp();
            var (uploaded, failed) = await portal.UploadExampleAsync();
            recorder.Latency("upload ×5", uploadsStarted);
            if (uploaded is null)
            {
                recorder.Answer(Requests.Upload, failed);
                return;
            }

            recorder.Answer(Requests.Upload + " ×5", new Answer(201, null));
            files = uploaded;
        }

        var submitted = Stopwatch.GetTimestamp();
        var answer = await portal.SubmitAsync(files!);
        recorder.Latency(flow == Flow.Full ? "submission request" : "submission", flow == Flow.Full ? submitted : due);
        if (flow == Flow.Full)
        {
            recorder.Latency("flow", due);
        }

        recorder.Answer(Requests.Submission, answer);
        if (answer.Accepted)
        {
            approver?.Offer(answer.Id!.Value);
        }
    }
}
