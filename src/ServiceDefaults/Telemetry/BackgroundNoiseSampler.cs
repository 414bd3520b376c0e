using System.Diagnostics;
using OpenTelemetry.Trace;

namespace TitleReview.ServiceDefaults.Telemetry;

/// <summary>
/// Keeps a trace only when it starts with something a person or another service did: a request served (Server), a
/// message consumed (Consumer) or an event relayed (Producer). A root of any other kind is background polling — the
/// daemons' high-water mark checks and their idle PostgreSQL queries start about six traces a second — and buried the
/// users' traces in the dashboard. Used under <see cref="ParentBasedSampler"/>, so a span inside a kept trace is kept.
/// Logs are not sampled: a failing background query still logs its error.
/// </summary>
public sealed class BackgroundNoiseSampler : Sampler
{
    private static readonly SamplingResult Keep = new(SamplingDecision.RecordAndSample);
    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        samplingParameters.Kind is ActivityKind.Server or ActivityKind.Consumer or ActivityKind.Producer ? Keep : Drop;
}
